import { mayUse, type Access } from '../platform/permissions.ts';
import { CHILD_RECORD_ROLES, type CurrentUser } from '../platform/roles.ts';

interface HomeLink {
  href: string;
  title: string;
  description: string;
  access: Access;
}

/** What each person can do from the home page, by role. Later areas add their own links here. */
const LINKS: HomeLink[] = [
  {
    href: '/allocation/vulnerability',
    title: 'Vulnerability table',
    description:
      'Schools ranked by the volume of SEN, looked-after children, mobility and EAL, with each factor’s contribution.',
    access: ['team_manager', 'triage_manager', 'analyst', 'admin'],
  },
  {
    href: '/allocation/plan',
    title: 'Allocation plan',
    description:
      'Each school’s core and vulnerability-weighted quota of cases for the year, with what-if changes, versions and approval.',
    access: ['team_manager', 'analyst', 'admin'],
  },
  {
    href: '/allocation/queue',
    title: 'Allocation queue',
    description:
      'Referrals accepted for intensive support, waiting for a practitioner, with each school’s cases left this year.',
    access: ['team_manager'],
  },
  {
    href: '/cases',
    title: 'Caseload',
    description: 'Open cases with the next thing due: contact and home visit, assessment, planned end.',
    access: ['practitioner', 'senior_practitioner', 'team_manager'],
  },
  {
    href: '/allocation/team',
    title: 'Practitioners and caseloads',
    description: 'Each practitioner’s type, hours, open cases and maximum caseload.',
    access: ['team_manager', 'senior_practitioner'],
  },
  {
    href: '/referrals/new',
    title: 'Ask for help for a child',
    description: 'Refer a child and family at your school for support from the inclusion service.',
    access: ['school_user'],
  },
  {
    href: '/triage',
    title: 'Front door queue',
    description: 'Referrals waiting for triage, with their clocks, eligibility and possible matches.',
    access: ['triage_manager', 'team_manager'],
  },
  {
    href: '/referrals',
    title: 'Referrals',
    description: 'See referrals, their progress and their outcomes.',
    access: ['school_user', 'triage_manager', 'team_manager'],
  },
  {
    href: '/children',
    title: 'Children',
    description: 'Find a child and see their school and family details.',
    access: CHILD_RECORD_ROLES,
  },
  {
    href: '/reports/front-door',
    title: 'Front door report',
    description:
      'Timeliness by month against the 24-hour and 48-hour clocks, and referrals by school, need, outcome and level.',
    access: ['triage_manager', 'team_manager', 'analyst'],
  },
  {
    href: '/reports/casework',
    title: 'Casework report',
    description:
      'By month: cases allocated, closed and open, contact, assessment and meetings on time, length of cases, extensions, closure reasons and school places kept.',
    access: ['team_manager', 'senior_practitioner', 'analyst'],
  },
  {
    href: '/schools',
    title: 'Schools',
    description: "See the authority's schools and their census figures.",
    access: 'signed-in',
  },
  {
    href: '/schools/figures',
    title: 'School census figures',
    description: 'Import each academic year’s school census figures, which the vulnerability table is worked out from.',
    access: ['admin', 'analyst'],
  },
  {
    href: '/admin/council',
    title: 'Council details',
    description: 'The council’s name, contacts, privacy notice and what is left to do before referrals open.',
    access: ['admin'],
  },
  {
    href: '/admin/users',
    title: 'Users',
    description: 'Add people, give them roles and link school staff to their schools.',
    access: ['admin'],
  },
  {
    href: '/admin/settings',
    title: 'Service settings',
    description: 'Change ages, quotas, clocks and other service rules.',
    access: ['admin'],
  },
  {
    href: '/admin/term-dates',
    title: 'Term dates',
    description: 'Keep the school terms that working-day clocks use up to date.',
    access: ['admin'],
  },
  {
    href: '/admin/known-episodes',
    title: 'Known to Early Help or Social Care',
    description: 'Import the list of children known to Early Help or Social Care that referrals are checked against.',
    access: ['admin'],
  },
  {
    href: '/admin/outbox',
    title: 'Outbox',
    description: 'See the emails waiting to be sent, sent or failed, and what each one says.',
    access: ['admin'],
  },
  {
    href: '/admin/audit',
    title: 'Audit log',
    description: 'See who viewed or changed which record, and when.',
    access: ['admin'],
  },
];

export function homeFor(user: CurrentUser) {
  return LINKS.filter((link) => mayUse(link.access, user.roles));
}
