import type { RouteTable } from '../../platform/permissions.ts';
import type { Services } from '../../services.ts';

/** The case's closure section: built by its area. */
export function closureRoutes(_routes: RouteTable, _services: Services): void {}
