import { mayUse, type Access } from './permissions.ts';
import type { CurrentUser } from './roles.ts';
import { CHILD_RECORD_ROLES } from './roles.ts';

interface NavItem {
  href: string;
  text: string;
  access: Access;
}

/** The service navigation; each person sees the parts their roles may use. */
const ITEMS: NavItem[] = [
  { href: '/', text: 'Home', access: 'signed-in' },
  { href: '/triage', text: 'Front door', access: ['triage_manager', 'team_manager'] },
  { href: '/referrals', text: 'Referrals', access: ['school_user', 'triage_manager', 'team_manager'] },
  { href: '/allocation/queue', text: 'Allocation', access: ['team_manager'] },
  { href: '/cases', text: 'Cases', access: ['practitioner', 'senior_practitioner', 'team_manager'] },
  { href: '/children', text: 'Children', access: CHILD_RECORD_ROLES },
  { href: '/groups', text: 'Groups', access: ['senior_practitioner', 'practitioner', 'team_manager', 'school_user'] },
  {
    href: '/attendance',
    text: 'Attendance',
    access: ['attendance_officer', 'analyst', 'team_manager', 'senior_practitioner', 'triage_manager', 'school_user'],
  },
  { href: '/funding', text: 'Funding', access: ['finance_officer', 'admin', 'analyst', 'school_user'] },
  { href: '/schools', text: 'Schools', access: 'signed-in' },
  { href: '/reports/front-door', text: 'Reports', access: ['triage_manager', 'team_manager', 'analyst'] },
  { href: '/admin/council', text: 'Council', access: ['admin'] },
  { href: '/admin/users', text: 'Users', access: ['admin'] },
  { href: '/admin/settings', text: 'Settings', access: ['admin'] },
  { href: '/admin/term-dates', text: 'Term dates', access: ['admin'] },
  { href: '/admin/audit', text: 'Audit log', access: ['admin'] },
  { href: '/admin/outbox', text: 'Outbox', access: ['admin'] },
];

export function navigationFor(user: CurrentUser, currentPath: string) {
  return ITEMS.filter((item) => mayUse(item.access, user.roles)).map((item) => ({
    href: item.href,
    text: item.text,
    active: item.href === '/' ? currentPath === '/' : currentPath.startsWith(item.href),
  }));
}
