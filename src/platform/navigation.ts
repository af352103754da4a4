import type { NavigationEntry } from './area.ts';
import { mayUse } from './permissions.ts';
import { ADMINISTRATORS } from './policies.ts';
import type { CurrentUser } from './roles.ts';

export type { NavigationEntry };

/** The platform's own links: Home first, the administration pages last (each area adds its own between). */
const PLATFORM_ENTRIES: readonly NavigationEntry[] = [
  { href: '/', text: 'Home', access: 'signed-in', position: 0 },
  { href: '/admin/council', text: 'Council', access: ADMINISTRATORS, position: 900 },
  { href: '/admin/users', text: 'Users', access: ADMINISTRATORS, position: 910 },
  { href: '/admin/settings', text: 'Settings', access: ADMINISTRATORS, position: 920 },
  { href: '/admin/term-dates', text: 'Term dates', access: ADMINISTRATORS, position: 930 },
  { href: '/admin/audit', text: 'Audit log', access: ADMINISTRATORS, position: 940 },
  { href: '/admin/outbox', text: 'Outbox', access: ADMINISTRATORS, position: 950 },
];

export interface NavigationItem {
  href: string;
  text: string;
  active: boolean;
}

export type Navigation = (user: CurrentUser, currentPath: string) => NavigationItem[];

/** The service navigation, from the platform's links and the areas'; each person sees the parts their roles may use. */
export function serviceNavigation(areaEntries: readonly NavigationEntry[]): Navigation {
  const entries = [...PLATFORM_ENTRIES, ...areaEntries].sort((a, b) => a.position - b.position);
  return (user, currentPath) =>
    entries
      .filter((entry) => mayUse(entry.access, user.roles))
      .map((entry) => ({
        href: entry.href,
        text: entry.text,
        active: entry.href === '/' ? currentPath === '/' : currentPath.startsWith(entry.href),
      }));
}
