// Finding the service's forms the way a browser would: walk the pages a role can reach from the
// home page, and read each form's address and fields (with the values its radios, checkboxes,
// selects and hidden inputs offer), so a test can post to every form with ids from the demo data.
import type { Agent } from './app.ts';
import { matchesPattern } from './routes.ts';
import type { Role } from '../../src/platform/roles.ts';
import { mayUse, type RouteDeclaration } from '../../src/platform/permissions.ts';

export interface FoundForm {
  method: 'GET' | 'POST';
  /** The path the form is sent to, without its query string. */
  path: string;
  /** The query string of the form's action (a multipart form carries its CSRF token there), '' when none. */
  query: string;
  multipart: boolean;
  /** Each field's name and the values the page offers for it ('' for a text field). */
  fields: Map<string, string[]>;
  /** The page the form was found on, and who saw it. */
  page: string;
  role: Role;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  '#x2F': '/',
};
const decode = (text: string) => text.replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole);

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, value] of tag.matchAll(/([\w-]+)="([^"]*)"/g)) found[name!.toLowerCase()] = decode(value!);
  return found;
}

/** The forms on a page and their fields. */
export function formsOn(html: string, page: string, role: Role): FoundForm[] {
  const forms: FoundForm[] = [];
  for (const [, open, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(open!);
    const [path, query = ''] = (attrs.action || page).split('?') as [string, string?];
    const fields = new Map<string, string[]>();
    const offer = (name: string, value: string) => fields.set(name, [...(fields.get(name) ?? []), value]);
    for (const [tag, kind] of inner!.matchAll(/<(input|textarea|select)\b[^>]*>/g)) {
      const field = attributes(tag);
      if (!field.name || field.name === '_csrf') continue;
      if (kind === 'select') {
        const body = inner!.slice(inner!.indexOf(tag)).split('</select>')[0]!;
        for (const [option] of body.matchAll(/<option\b[^>]*>/g)) offer(field.name, attributes(option).value ?? '');
      } else offer(field.name, field.type === 'file' ? '' : (field.value ?? ''));
    }
    forms.push({
      method: (attrs.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      path,
      query,
      multipart: attrs.enctype === 'multipart/form-data',
      fields,
      page,
      role,
    });
  }
  return forms;
}

/** The links on a page to other pages of the service (not downloads or assets). */
export function linksOn(html: string): string[] {
  const links = new Set<string>();
  for (const [, href] of html.matchAll(/href="(\/[^"#]*)"/g)) {
    const url = decode(href!);
    if (url.startsWith('/assets') || /\.(csv|xlsx|json|pdf)(\?|$)/.test(url) || url.startsWith('/health')) continue;
    links.add(url);
  }
  return [...links];
}

/** The first declared route of a method that answers a path (as Express would choose), if any. */
export function routeFor(
  routes: readonly RouteDeclaration[],
  method: 'GET' | 'POST',
  path: string,
): RouteDeclaration | undefined {
  return routes.find((route) => route.method === method && matchesPattern(route.path, path));
}

export interface Crawled {
  /** Pages visited, by route pattern: concrete URLs with ids that exist in the demo data, and who saw them. */
  pages: Map<string, { url: string; role: Role }[]>;
  /** Forms found, by the method and pattern of the route they are sent to ('POST /cases/:id/contacts/new'). */
  forms: Map<string, FoundForm[]>;
}

/** Whether the page's route pattern leads to the form's: `/cases/:id` and `/cases` lead to `/cases/:id/plan`. */
const leadsTo = (page: string, form: string) =>
  form === page || form.startsWith(page.endsWith('/') ? page : `${page}/`);

/**
 * Visits, from each role's home page, the pages of every GET route the role can reach by
 * following links — one page per route (`perPattern`), and only once in all unless the page leads
 * to a form the role may send, as it may show the role forms others do not see — and gathers
 * their forms. The roles walk one after another, so every run finds the same.
 */
export async function crawl(
  agents: ReadonlyMap<Role, Agent>,
  routes: readonly RouteDeclaration[],
  perPattern = 1,
): Promise<Crawled> {
  const pages = new Map<string, { url: string; role: Role }[]>();
  const forms = new Map<string, FoundForm[]>();
  const add = <T>(map: Map<string, T[]>, key: string, item: T) => map.set(key, [...(map.get(key) ?? []), item]);
  for (const [role, agent] of agents) {
    const own = routes
      .filter((route) => route.method === 'POST' && mayUse(route.access, [role]))
      .map((route) => route.path);
    const visits = new Map<string, number>();
    const queue = ['/'];
    const seen = new Set(queue);
    const enqueue = (url: string) => {
      if (seen.has(url)) return;
      seen.add(url);
      queue.push(url);
    };
    while (queue.length) {
      const url = queue.shift()!;
      const route = routeFor(routes, 'GET', url.split('?')[0]!);
      if (!route || (visits.get(route.path) ?? 0) >= perPattern) continue;
      if (pages.has(route.path) && !own.some((form) => leadsTo(route.path, form))) continue;
      const response = await agent.get(url);
      if (response.status === 302 || response.status === 303) enqueue(response.headers.location ?? '/');
      if (response.status !== 200 || !response.type.includes('html')) continue;
      visits.set(route.path, (visits.get(route.path) ?? 0) + 1);
      add(pages, route.path, { url, role });
      for (const form of formsOn(response.text, url.split('?')[0]!, role)) {
        const target = routeFor(routes, form.method, form.path);
        if (target && form.path !== '/sign-out') add(forms, `${form.method} ${target.path}`, form);
        // A search or filter leads to its results as a link does: sent with the values it offers first.
        if (form.method === 'GET')
          enqueue(
            `${form.path}?${new URLSearchParams([...form.fields].map(([name, offered]) => [name, offered[0] ?? '']))}`,
          );
      }
      linksOn(response.text).forEach(enqueue);
    }
  }
  return { pages, forms };
}
