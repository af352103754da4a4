import type { RouteTable } from '../../platform/permissions.ts';
import type { Services } from '../../services.ts';

/** The case's plan section: built by its area. */
export function planRoutes(_routes: RouteTable, _services: Services): void {}
