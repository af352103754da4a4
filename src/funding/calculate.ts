// Until src/funding/demo.ts imports ./rules.ts: the calculation's types under their old address.
// Delete this file once nothing imports it.
export type { Phase, SchoolUnits } from './rules.ts';
