/** Moved to outcomes/rules.ts; kept until the platform's views import from there. */
export { EVENT_NAMES, STATUS_CLASSES, STATUS_NAMES } from './outcomes/rules.ts';
