/** Moved to rules.ts; kept until the other areas import from there. */
export { isNeedCode, isSemhNeed, needLabel, PRESENTING_NEEDS, SEMH_NEEDS, type NeedCode } from './rules.ts';
