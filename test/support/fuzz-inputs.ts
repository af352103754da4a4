// Seeded random form inputs for fuzzing (fast-check): what a browser could send and what it never
// would — control characters, very long text, unicode, arrays for one value and one value for an
// array, nested objects, numbers out of range, dates that are not real, fields left out and
// fields nobody asked for.
import fc from 'fast-check';

/** The seed of a run: FUZZ_SEED to replay a failure, else a fixed one, so every run is the same. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_160_416);

/** Seeded samples of an arbitrary: the same for the same seed and salt (a route, say). */
export function samples<T>(arbitrary: fc.Arbitrary<T>, count: number, salt: string): T[] {
  let hash = FUZZ_SEED;
  for (const char of salt) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return fc.sample(arbitrary, { seed: hash, numRuns: count });
}

const controlChar = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const ordinary = fc.string({ maxLength: 12 });

/** Text with a control character (NUL most often) somewhere inside. */
const withControl = fc
  .tuple(
    ordinary,
    fc.oneof(
      { weight: 3, arbitrary: fc.constant('\u0000') },
      controlChar,
      fc.constantFrom('\u007f', '\u0085', '\u009b'),
    ),
    ordinary,
  )
  .map(([before, control, after]) => `${before}${control}${after}`);

const long = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 256, max: 5_000 }).map((n) => 'a'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 100_000 }).map((n) => 'Zoë '.repeat(n / 4)) },
);

const unicode = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'Zoë Ńowak',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    '👩‍👩‍👧‍👦',
    'مرحبا',
    '\u202eevil',
    'e\u0301\u0301\u0301',
    '\ufeffBOM',
    '\u2028\u2029',
    '\ud800',
  ),
);

const numberish = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '-0',
    '1e309',
    '2147483648',
    '-2147483649',
    '9223372036854775808',
    '99999999999999999999999',
    'NaN',
    'Infinity',
    '0x1F',
    '1.5',
    '1,000',
    ' 7 ',
    '٣',
  ),
  fc.double({ noNaN: false }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
);

const dateish = fc.constantFrom(
  '2023-02-30',
  '2024-13-01',
  '0000-00-00',
  '99999-01-01',
  '31/02/2024',
  '2024-02-29T25:61',
  '32',
  '13',
  '-1',
  '1899',
  '275760-09-14',
  'yesterday',
);

const markup = fc.constantFrom(
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '{{ 7*7 }}',
  '${7*7}',
  '%00',
  '../../etc/passwd',
  '=HYPERLINK("x")',
  '"',
  '\\',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
);

/** One nasty text value. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: withControl },
  { weight: 2, arbitrary: long },
  { weight: 2, arbitrary: unicode },
  { weight: 3, arbitrary: numberish },
  { weight: 2, arbitrary: dateish },
  { weight: 2, arbitrary: markup },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '\r\n') },
);

/** A JSON value where text is expected: an object, nested, or a number, boolean or null. */
const jsonOddity: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor', 'length'), fc.oneof(nastyText, fc.integer())),
  fc.constantFrom({ a: { b: { c: 1 } } }, [{ a: 1 }], [[]], null, true, 0, -1, 1e308),
);

export type FormValue = string | string[] | { json: unknown };

/** A value for a field the form has, given what the page offers for it. */
export function fieldValue(offered: readonly string[]): fc.Arbitrary<FormValue | undefined> {
  const real = offered.filter((value) => value !== '');
  const good = real.length ? fc.constantFrom(...real) : fc.constantFrom('Test', '1', '2026-01-15');
  return fc.oneof(
    { weight: 5, arbitrary: good },
    { weight: 6, arbitrary: nastyText },
    { weight: 2, arbitrary: fc.array(fc.oneof(good, nastyText), { minLength: 2, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(good, { minLength: 0, maxLength: 1 }) },
    { weight: 1, arbitrary: jsonOddity.map((json) => ({ json })) },
    { weight: 2, arbitrary: fc.constant(undefined) },
  );
}

const extraName = fc.oneof(
  fc.constantFrom(
    'a[b]',
    'a[b][c]',
    'a[]',
    '__proto__',
    '__proto__[x]',
    'constructor[prototype][x]',
    'hasOwnProperty',
    'toString',
    'x'.repeat(300),
    '\u0000',
    'id',
    'status',
    'version',
  ),
  fc.string({ maxLength: 10 }),
);

/** A form body: each field (or not) with a value, and perhaps fields the form does not have. */
export function formBody(
  fields: ReadonlyMap<string, readonly string[]>,
  others: readonly string[],
): fc.Arbitrary<[string, FormValue][]> {
  const own = [...fields].map(([name, offered]) => fieldValue(offered).map((value) => [name, value] as const));
  const extras = fc.array(
    fc.tuple(
      others.length ? fc.oneof(extraName, fc.constantFrom(...others)) : extraName,
      fc.oneof(nastyText, fc.constant('1')),
    ),
    { maxLength: 3 },
  );
  return fc
    .tuple(fc.tuple(...own), extras)
    .map(([values, extra]) =>
      [...values.filter((entry): entry is readonly [string, FormValue] => entry[1] !== undefined), ...extra].map(
        ([name, value]) => [name, value],
      ),
    );
}

/** The fields as a browser sends them, one name and text value each: an object becomes `name[key]` fields. */
export function flatten(entries: readonly [string, FormValue][]): [string, string][] {
  const flat: [string, string][] = [];
  const add = (name: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((item) => add(name, item));
    else if (value && typeof value === 'object')
      Object.entries(value).forEach(([key, inner]) => add(`${name}[${key}]`, inner));
    else flat.push([name, String(value)]);
  };
  for (const [name, value] of entries)
    add(name, typeof value === 'object' && !Array.isArray(value) ? value.json : value);
  return flat;
}

/** The body as a browser sends a form (application/x-www-form-urlencoded), with the CSRF token unless it is a search. */
export function urlencoded(entries: readonly [string, FormValue][], csrf?: string): string {
  return new URLSearchParams([...(csrf ? [['_csrf', csrf]] : []), ...flatten(entries)]).toString();
}

/** The body as JSON (application/json), objects and all. */
export function json(entries: readonly [string, FormValue][], csrf: string): Record<string, unknown> {
  const body: Record<string, unknown> = { _csrf: csrf };
  for (const [name, value] of entries)
    body[name] = typeof value === 'object' && !Array.isArray(value) ? value.json : value;
  return body;
}

/** Values for a route parameter such as :id: none that exist, and some that are not ids at all. */
export const BAD_PARAMETERS = [
  '999999999',
  '0',
  '-1',
  '1.5',
  'abc',
  '99999999999999999999',
  '%00',
  '%E2%80%AE',
  'x'.repeat(300),
  '1e3',
];
