import type { RouteTable } from '../../platform/permissions.ts';
import type { Services } from '../../services.ts';

/** The case's meetings section: built by its area. */
export function meetingRoutes(_routes: RouteTable, _services: Services): void {}
