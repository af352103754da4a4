// The census figures a school has for a year, as the vulnerability table reads them.

/** Census figures for one school. null means unknown (suppressed 'x'/'c' or missing), never zero. */
export interface SchoolFigures {
  urn: number;
  name: string;
  phase: string;
  numberOnRoll: number;
  sen: number | null;
  lac: number | null;
  mobility: number | null;
  eal: number | null;
  fsm: number | null;
}
