import type { CouncilWords } from '../platform/instance/council-fields.ts';

/** The demo borough's words: Havering's name with made-up contacts (numbers from Ofcom's drama range). */
export const DEMO_COUNCIL_WORDS: CouncilWords = {
  authorityName: 'London Borough of Havering (demo)',
  laCode: 311,
  serviceName: 'Havering inclusion service (demo)',
  frontDoorPhone: '020 7946 0000',
  frontDoorEmail: 'front-door@demo.inclusion-hub.test',
  outOfHoursPhone: '020 7946 0999',
  mashContact: '020 7946 0123',
  dpoContact: 'dpo@demo.inclusion-hub.test',
  privacyController:
    'The service is run by the council’s inclusion service, which includes the early help and attendance teams.',
  privacySharing:
    'We also share information with the Havering Safeguarding Children Partnership when a review of a child’s case needs it.',
  privacyRetention:
    'We keep information for as long as the council’s retention schedule says, which depends on the type of record. For example, early help records are kept until the child’s 25th birthday. Staff account information is kept while you have an account and for a limited time afterwards. When information is no longer needed, we delete it securely.',
  feedbackEmail: 'inclusion-hub@demo.inclusion-hub.test',
  footerOwner: 'London Borough of Havering (demo)',
};
