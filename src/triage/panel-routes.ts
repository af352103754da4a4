/** Moved to panels/routes.ts; kept until src/routes.ts imports from there. */
export { panelRoutes } from './panels/routes.ts';
