import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { randomSource } from '../demo/people.ts';
import { recordMatches } from './matches/service.ts';
import { emptyAnswers, REFERRAL_PAGES, type DraftAnswers } from './forms.ts';

type Trx = Transaction<Database>;

export interface DemoChild {
  id: number;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  upn: string | null;
  year_group: string;
  school_urn: number;
}

const NEEDS = [
  ['semh', 'behaviour'],
  ['anxiety', 'family-relationships'],
  ['behaviour'],
  ['semh', 'attendance', 'parenting'],
  ['bereavement', 'anxiety'],
  ['behaviour', 'domestic-abuse', 'housing'],
];
const DETAILS = [
  'Struggles to settle after break times and has left the classroom several times this half term.',
  'Has become withdrawn since the summer and is often tearful in the mornings.',
  'Physical outbursts at lunchtime; staff have used the calm room most days.',
];

/** Answers for a complete referral form, as a referrer would have typed them. */
export function demoAnswers(
  child: Pick<DemoChild, 'first_name' | 'last_name' | 'date_of_birth' | 'upn' | 'year_group'>,
  carerName: string,
  variant = 0,
  consent = true,
): DraftAnswers {
  const [year, month, day] = child.date_of_birth.split('-');
  const answers = emptyAnswers();
  answers.pages = {
    child: {
      firstName: child.first_name,
      lastName: child.last_name,
      'dateOfBirth-day': String(Number(day)),
      'dateOfBirth-month': String(Number(month)),
      'dateOfBirth-year': year,
      upn: child.upn ?? '',
      gender: variant % 2 ? 'female' : 'male',
      yearGroup: child.year_group,
      ethnicity: 'Not yet obtained',
      senStatus: variant % 3 === 0 ? 'sen-support' : 'none',
      lookedAfter: 'no',
      freeSchoolMeals: variant % 2 ? 'yes' : 'no',
    },
    family: {
      carer1Name: carerName,
      carer1Relationship: 'Mother',
      carer1Phone: '07700 900123',
      carer1Email: '',
      carer1ContactMethod: 'phone',
      carer1Language: '',
      carer2Name: '',
      carer2Relationship: '',
      carer2Phone: '',
      carer2Email: '',
      household: '',
    },
    needs: {
      needs: NEEDS[variant % NEEDS.length],
      needsOther: '',
      needsDetail: DETAILS[variant % DETAILS.length],
      suspensionsThisYear: String(variant % 3),
      riskOfExclusion: variant % 3 === 2 ? 'yes' : 'no',
    },
    support: {
      triedInSchool:
        'Daily check-in with a learning mentor since September; a nurture group twice a week since October.',
      otherAgencies: '',
    },
    views: {
      parentViews: 'Would like help with routines and managing big feelings at home.',
      childViews: 'Says school is too noisy and wants a quiet place to go.',
    },
    consent: consent
      ? {
          safeguardingConcern: 'no',
          consentGiven: 'yes',
          consentBy: carerName,
          consentRelationship: 'Mother',
          'consentDate-day': '2',
          'consentDate-month': '11',
          'consentDate-year': '2026',
          consentHow: 'in-person',
          consentSharing: ['ssfp'],
        }
      : { safeguardingConcern: 'no', consentGiven: 'no' },
  };
  answers.complete = Object.fromEntries(REFERRAL_PAGES.map((page) => [page.slug, true]));
  return answers;
}

/** How the demo queue is made up: status, how many, and hours since they were sent. */
const PLAN: { status: string; count: number; outcome?: string; level?: number; reason?: string }[] = [
  { status: 'draft', count: 4 },
  { status: 'submitted', count: 18 },
  { status: 'more-information', count: 4 },
  {
    status: 'signposted',
    count: 3,
    outcome: 'signposted',
    level: 1,
    reason:
      'The needs described can be met by the school with universal support; we have sent the family information about local parenting courses.',
  },
  {
    status: 'targeted',
    count: 3,
    outcome: 'targeted',
    level: 2,
    reason: 'A team around the family, led by the school, with support from the parenting team.',
  },
  {
    status: 'intensive',
    count: 5,
    outcome: 'intensive',
    level: 3,
    reason:
      'Accepted for a school-support family practitioner; the family will be contacted within 5 working days of allocation.',
  },
  {
    status: 'declined',
    count: 2,
    outcome: 'declined',
    reason: 'The child is already open to Early Help; the lead professional will be in touch with the school.',
  },
  {
    status: 'safeguarding',
    count: 1,
    outcome: 'safeguarding',
    level: 4,
    reason: 'Passed to the Multi-Agency Safeguarding Hub the same day.',
  },
];

/**
 * About 40 referrals across schools in every state, so the front door demo has a realistic
 * queue: sent over the last week (some past their 48-hour clock), with timelines.
 */
export async function referralsDemo(
  trx: Trx,
  options: { children: DemoChild[]; referrerFor: (schoolUrn: number) => number; triageId: number; now: Date },
) {
  const rng = randomSource(2026);
  const now = options.now;
  let next = 0;
  let sequence = 0;
  for (const group of PLAN) {
    for (let i = 0; i < group.count; i++) {
      const child = options.children[next++ % options.children.length];
      const answers = demoAnswers(child, `Sam ${child.last_name}`, next, true);
      const sentAt = new Date(now.getTime() - rng.int(2, 160) * 3_600_000);
      const sent = group.status !== 'draft';
      const reference = sent ? `IH-${sentAt.getUTCFullYear()}-${String(++sequence).padStart(5, '0')}` : null;
      const decidedAt = new Date(sentAt.getTime() + rng.int(4, 60) * 3_600_000);
      const decided = Boolean(group.outcome) && decidedAt < now;
      const row = await trx
        .insertInto('referrals')
        .values({
          reference,
          status: group.outcome && !decided ? 'submitted' : group.status,
          school_urn: child.school_urn,
          child_id: sent ? child.id : null,
          answers: JSON.stringify(answers),
          created_by: options.referrerFor(child.school_urn),
          submitted_at: sent ? sentAt : null,
          acknowledged_at: sent ? sentAt : null,
          outcome_at: decided ? decidedAt : null,
          outcome: decided ? group.outcome : null,
          level_of_need: decided ? (group.level ?? null) : null,
          outcome_reason: decided ? group.reason : null,
          safeguarding_passed_at: decided && group.outcome === 'safeguarding' ? decidedAt : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!sent) continue;
      const events = [
        {
          kind: 'submitted',
          at: sentAt,
          user_id: options.referrerFor(child.school_urn),
          message: null as string | null,
        },
        { kind: 'acknowledged', at: sentAt, user_id: null, message: 'Received and acknowledged.' },
      ];
      if (group.status === 'more-information') {
        events.push({
          kind: 'more-information',
          at: new Date(sentAt.getTime() + 3_600_000),
          user_id: options.triageId,
          message: 'Please tell us which support the school has put in place since half term, with dates.',
        });
      }
      if (decided)
        events.push({
          kind: group.outcome === 'safeguarding' ? 'safeguarding' : 'outcome',
          at: decidedAt,
          user_id: options.triageId,
          message: group.reason ?? null,
        });
      await trx
        .insertInto('referral_events')
        .values(events.map((event) => ({ ...event, referral_id: row.id })))
        .execute();
    }
  }
  await trx.executeQuery(
    trx
      .selectNoFrom((eb) => eb.fn('setval', [eb.val('referral_reference_seq'), eb.val(Math.max(sequence, 1))]).as('v'))
      .compile(),
  );
  const submitted = await trx
    .selectFrom('referrals')
    .select(['id', 'answers'])
    .where('status', 'in', ['submitted', 'more-information'])
    .execute();
  for (const referral of submitted) await recordMatches(trx, referral.id, referral.answers as unknown as DraftAnswers);
}
