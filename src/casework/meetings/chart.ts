// The distance-travelled chart's geometry: for each aspect a pair of horizontal bars on a 0–10
// scale, the first score above the latest. The page draws it as an inline SVG beside a table
// holding the same figures, so nothing is only in the picture.
import { SCORE_MAX } from '../aspects.ts';
import type { Distance } from './rules.ts';

const LABEL_WIDTH = 240;
const SCALE_WIDTH = 200;
const VALUE_WIDTH = 80;
const TOP = 42;
const BAR = 14;
const GAP = 3;
const ROW = BAR * 2 + GAP + 19;

export interface ChartBar {
  y: number;
  width: number;
  text: string;
  textX: number;
}

export interface DistanceChart {
  width: number;
  height: number;
  scaleX: number;
  /** Each bar's height. */
  bar: number;
  ticks: { x: number; label: string }[];
  rows: { label: string; labelY: number; first: ChartBar; latest: ChartBar }[];
}

function bar(score: number | null, notApplicable: boolean, y: number): ChartBar {
  const width = score === null ? 0 : (score / SCORE_MAX) * SCALE_WIDTH;
  return {
    y,
    width,
    text: score === null ? (notApplicable ? 'N/A' : 'Not scored') : String(score),
    textX: LABEL_WIDTH + width + 6,
  };
}

export function distanceChart(distance: Distance): DistanceChart {
  return {
    width: LABEL_WIDTH + SCALE_WIDTH + VALUE_WIDTH,
    height: TOP + distance.rows.length * ROW,
    scaleX: LABEL_WIDTH,
    bar: BAR,
    ticks: [0, 5, 10].map((value) => ({ x: LABEL_WIDTH + (value / SCORE_MAX) * SCALE_WIDTH, label: String(value) })),
    rows: distance.rows.map((row, index) => {
      const y = TOP + index * ROW;
      return {
        label: row.label,
        labelY: y + BAR + GAP / 2 + 4,
        first: bar(row.first, row.firstNotApplicable, y),
        latest: bar(row.latest, row.latestNotApplicable, y + BAR + GAP),
      };
    }),
  };
}
