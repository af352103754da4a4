// Money for the de-delegation figures [issue 8; seed 001]: kept in whole pence, rounded to the
// penny half away from zero, shown like the forum paper shows it (£86,420, or £11.00 for a
// rate). Pure functions.

/**
 * The nearest whole number, a half going away from zero (2.5 → 3, −2.5 → −3). The value is
 * first read to 15 significant digits, so a sum of decimals that lands a hair off a half
 * (2.4999999999999996) rounds as the half it stands for.
 */
export function roundHalfAwayFromZero(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  const size = Number(Math.abs(value).toPrecision(15));
  const rounded = Math.floor(size + 0.5);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** An exact amount in ten-thousandths of a penny, rounded to the penny half away from zero. */
export function penniesOf(tenThousandths: bigint): number {
  const size = tenThousandths < 0n ? -tenThousandths : tenThousandths;
  const pence = Number((size + 5000n) / 10000n);
  return tenThousandths < 0n && pence !== 0 ? -pence : pence;
}

/** '86,420': whole numbers grouped in thousands. */
function grouped(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * '£86,420' (to the pound, half away from zero) or, with `pence: true`, '£11.00'. A negative
 * amount reads '-£5.00'.
 */
export function formatPounds(pence: number, options: { pence?: boolean } = {}): string {
  const whole = roundHalfAwayFromZero(pence);
  const sign = whole < 0 ? '-' : '';
  const size = Math.abs(whole);
  if (!options.pence) return `${sign}£${grouped(roundHalfAwayFromZero(size / 100))}`;
  return `${sign}£${grouped(Math.floor(size / 100))}.${String(size % 100).padStart(2, '0')}`;
}

/** Pence as a number of pounds with at most two decimals (86420.5 for 8,642,050 pence). */
export function poundsOf(pence: number): number {
  return Number((roundHalfAwayFromZero(pence) / 100).toFixed(2));
}
