/** Moved to decisions/routes.ts; kept until src/routes.ts imports from there. */
export { decisionRoutes } from './decisions/routes.ts';
