import type { RouteTable } from '../../platform/permissions.ts';
import type { Services } from '../../services.ts';

/** The case's contacts section: built by its area. */
export function contactRoutes(_routes: RouteTable, _services: Services): void {}
