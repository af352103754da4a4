// Until src/funding/demo.ts imports ./check/demo.ts: the printed figures under their old address
// and names. Delete this file once nothing imports it.
export {
  HAVERING_2024_25_FIGURES as SEED_001_FIGURES,
  HAVERING_2024_25_SERVICES as SEED_001_SERVICES,
} from './check/demo.ts';
