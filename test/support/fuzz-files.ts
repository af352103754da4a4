// Seeded malformed files for fuzzing every import: starting from the import's own columns, bad
// quotes, NUL bytes, wrong headers, ragged rows, huge fields, broken UTF-8, binary garbage, fake
// workbooks and wrong extensions.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { nastyText } from './fuzz-inputs.ts';
import type { FuzzFile } from './multipart.ts';

const csvCell = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '1',
      'A311200120001A',
      '102317',
      '2025-09-03',
      'AM',
      '/',
      'Yes',
      'Test School',
      '0',
      '12.5',
    ),
  },
  { weight: 2, arbitrary: nastyText.map((text) => text.slice(0, 300)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '4"20',
      '"unclosed',
      'a""b',
      '"a"b',
      '"',
      '""',
      '"x"y"z',
      '\u0000',
      'x\u0000y',
      '=1+1',
      'a,b',
      '\r',
      '\n',
    ),
  },
);

/** A damage done to the text of a good file. */
const mutation = fc.constantFrom(
  'none',
  'quote-in-field',
  'unclosed-quote',
  'nul',
  'wrong-header',
  'no-header',
  'ragged',
  'huge-field',
  'cr-only',
  'bom-only',
  'duplicate-header',
  'many-columns',
  'blank-lines',
  'utf16',
);

/** A CSV file for an import with these columns, damaged in one way or another. */
function csvText(columns: readonly string[]): fc.Arbitrary<Buffer> {
  const width = Math.max(columns.length, 1);
  const row = fc.array(csvCell, { minLength: width, maxLength: width });
  return fc
    .tuple(fc.array(row, { minLength: 0, maxLength: 6 }), mutation, fc.nat({ max: 1000 }))
    .map(([rows, damage, at]) => {
      let header = [...columns];
      let body = rows.map((cells) => [...cells]);
      if (damage === 'wrong-header') header = header.map((name, i) => (i === at % width ? `${name}x` : name));
      if (damage === 'duplicate-header') header = [...header, header[0] ?? 'x'];
      if (damage === 'ragged')
        body = body.map((cells, i) => (i % 2 ? cells.slice(0, at % width) : [...cells, 'extra', 'more']));
      if (damage === 'many-columns') body = body.map((cells) => [...cells, ...Array.from({ length: 2000 }, () => '1')]);
      if (damage === 'huge-field') body = [...body, [...header.map(() => '1').slice(1), 'y'.repeat(70_000 + at)]];
      if (damage === 'quote-in-field') body = [...body, header.map((_, i) => (i === at % width ? '4"20' : '1'))];
      const lines = [...(damage === 'no-header' ? [] : [header]), ...body].map((cells) => cells.join(','));
      let text = lines.join(damage === 'cr-only' ? '\r' : damage === 'blank-lines' ? '\r\n\r\n\r\n' : '\r\n');
      if (damage === 'unclosed-quote') text = `${text}\r\n"${'z'.repeat(at)}`;
      if (damage === 'nul')
        text = `${text.slice(0, at % (text.length + 1))}\u0000${text.slice(at % (text.length + 1))}`;
      if (damage === 'bom-only') text = '\ufeff';
      if (damage === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      return Buffer.from(text, 'utf8');
    });
}

const garbage = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
  // A zip's first bytes and then nonsense: a workbook that is not one.
  fc
    .uint8Array({ minLength: 0, maxLength: 2048 })
    .map((bytes) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(bytes)])),
  fc.constantFrom(
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x2c, 0x0a]),
    Buffer.from('%PDF-1.7\n%\u00e2\u00e3'),
    Buffer.alloc(0),
    Buffer.from('\u0000'.repeat(100)),
  ),
);

const fileName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('upload.csv', 'data.xlsx', 'Marks 2025.CSV') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'a\u0000.csv',
      '\u0000',
      'evil.csv\u0000.exe',
      'report.exe',
      'noextension',
      '../../etc/passwd',
      'C:\\temp\\x.csv',
      '',
      'x'.repeat(1000) + '.csv',
      'ﬁle\u202e.csv',
      'tab\there.csv',
      'a\r\nb.csv',
    ),
  },
  { weight: 1, arbitrary: nastyText.map((name) => `${name}.csv`) },
);

/** A malformed file for an import whose columns are `columns`, under an odd name now and then. */
export function malformedFile(columns: readonly string[]): fc.Arbitrary<FuzzFile> {
  const type = fc.constantFrom(
    'text/csv',
    'application/octet-stream',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv\u0000',
  );
  return fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: csvText(columns) }, { weight: 1, arbitrary: garbage }),
      fileName,
      type,
      fc.boolean(),
    )
    .map(([content, name, contentType, encodeName]) => ({ name, contentType, content, encodeName }));
}

/** A real Excel workbook with the import's columns and nasty cells (formulas, errors, dates, long text). */
export async function nastyWorkbook(columns: readonly string[], cells: readonly string[]): Promise<FuzzFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow([...columns]);
  sheet.addRow(cells.slice(0, Math.max(columns.length, 1)));
  sheet.addRow([
    { formula: '1/0', result: { error: '#DIV/0!' } },
    new Date(Date.UTC(1900, 0, 1)),
    -1e308,
    { richText: [{ text: cells[0] ?? '' }] },
    { text: 'link', hyperlink: 'javascript:alert(1)' },
  ]);
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    name: 'data.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content,
  };
}
