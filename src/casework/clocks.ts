// The old address of a case's due dates, now in ./rules.ts; the allocation's demo data still
// imports it from here. Delete once it imports ./rules.ts.
export { dueDatesFrom } from './rules.ts';
