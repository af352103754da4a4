import type { RouteTable } from '../../platform/permissions.ts';
import type { Services } from '../../services.ts';

/** The case's assessment section: built by its area. */
export function assessmentRoutes(_routes: RouteTable, _services: Services): void {}
