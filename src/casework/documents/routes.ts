import type { RouteTable } from '../../platform/permissions.ts';
import type { Services } from '../../services.ts';

/** The case's documents section: built by its area. */
export function documentRoutes(_routes: RouteTable, _services: Services): void {}
