import type { Access, RouteTable } from './permissions.ts';

/** A link in the service navigation, shown to those whose roles may use it. */
export interface NavigationEntry {
  href: string;
  text: string;
  access: Access;
  /** Where it stands in the navigation, smallest first: the platform's Home is 0, its administration 900 on. */
  position: number;
}

/**
 * What an area of the service (src/<area>/index.ts) gives the application: its routes, and what
 * its pages need from the views and the navigation. The areas are listed, in the order their
 * routes are registered, in src/areas.ts; the platform knows them only through this shape.
 * `S` is what the area's routes are given from the composition root (src/services.ts).
 */
export interface AreaModule<S> {
  /** The area's folder, such as 'casework'. */
  name: string;
  /** Registers the area's routes. Order matters where paths overlap: see each area's comments. */
  routes(routes: RouteTable, services: S): void;
  /** Nunjucks filters the area's pages use, by name. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a filter takes whatever a template gives it
  viewFilters?: Record<string, (value: any) => unknown>;
  /** Nunjucks globals (such as labels for statuses) the area's pages use, by name. */
  viewGlobals?: Record<string, unknown>;
  /** The area's links in the service navigation. */
  navigation?: readonly NavigationEntry[];
}
