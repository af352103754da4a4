/** Moved to routes.ts; kept until src/routes.ts imports from there. */
export { healthRoutes } from './routes.ts';
