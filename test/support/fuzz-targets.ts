// Where to send fuzzed input: for each route, the role that may use it (the one that found its
// form, where a form was found), a concrete address with ids from the demo data, and the form's
// fields; and the same address with a parameter that names nothing or is not an id at all.
import { mayUse, type RouteDeclaration } from '../../src/platform/permissions.ts';
import { ROLES, type Role } from '../../src/platform/roles.ts';
import type { Crawled, FoundForm } from './forms.ts';
import { urlFor } from './routes.ts';

export interface Target {
  route: RouteDeclaration;
  /** Who sends it: undefined for a signed-out visitor. */
  role: Role | undefined;
  url: string;
  form: FoundForm | undefined;
}

/** The first role allowed to use a route (undefined for a public one). */
function roleFor(route: RouteDeclaration): Role | undefined {
  if (route.access === 'public') return undefined;
  return ROLES.find((role) => mayUse(route.access, [role]));
}

/**
 * A concrete address for a pattern: each parameter taken from a visited page whose address
 * agrees with the pattern up to it (`/cases/:id/plan/actions/:actionId` takes its id from
 * `/cases/12/plan`), else the id the permissions test uses.
 */
function concreteUrl(pattern: string, crawled: Crawled): string {
  const parts = pattern.split('/');
  const visited = [...crawled.pages].flatMap(([visitedPattern, pages]) =>
    pages.map(({ url }) => ({ pattern: visitedPattern.split('/'), url: url.split('?')[0]!.split('/') })),
  );
  const fallback = urlFor(pattern).split('/');
  return parts
    .map((part, i) => {
      if (!part.startsWith(':')) return part;
      const source = visited.find(
        (page) => page.pattern[i] === part && parts.slice(0, i).every((earlier, j) => page.pattern[j] === earlier),
      );
      return source?.url[i] ?? fallback[i];
    })
    .join('/');
}

export function targetFor(route: RouteDeclaration, crawled: Crawled): Target {
  const form = crawled.forms.get(`${route.method} ${route.path}`)?.[0];
  if (form) return { route, role: form.role, url: form.path, form };
  const page = route.method === 'GET' ? crawled.pages.get(route.path)?.[0] : undefined;
  if (page) return { route, role: page.role, url: page.url, form: undefined };
  return { route, role: roleFor(route), url: concreteUrl(route.path, crawled), form: undefined };
}

/** The target's address with one of its parameters replaced by `value`. */
export function withParameter(target: Target, index: number, value: string): string {
  const parts = target.route.path.split('/');
  const params = parts.flatMap((part, i) => (part.startsWith(':') ? [i] : []));
  if (params.length === 0) return target.url;
  const url = target.url.split('/');
  url[params[index % params.length]!] = value;
  return url.join('/');
}

/** Routes whose success would sign the fuzzing accounts out, or lock them: fuzzed last. */
const LAST = ['/admin/settings/', '/admin/users/', '/sign-out', '/sign-in'];
export const fuzzOrder = (route: RouteDeclaration) => LAST.findIndex((prefix) => route.path.startsWith(prefix));
