/**
 * Excel workbooks made part by part for tests, including a 'zip bomb': a small file with one
 * cell that unzips to hundreds of megabytes. Its text is deflated as a stream, a megabyte at a
 * time, so building it never holds the text in memory.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';
import { zipArchive, type CheckedEntry } from '../../src/platform/zip.ts';

const MB = 1024 * 1024;

/** An entry deflated from its chunks; `declaredSize` writes a false size into the archive. */
export async function deflatedEntry(
  name: string,
  chunks: Iterable<Buffer>,
  declaredSize?: number,
): Promise<CheckedEntry> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const finished = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    size += chunk.length;
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await finished;
  return { name, method: 8, size: declaredSize ?? size, crc, data: Buffer.concat(out) };
}

const xml = (body: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A workbook of one sheet whose cell A1 is the shared text `text` (chunks, so it can be huge)
 * and whose other rows hold `rows` of numbers. `declaredSize` lies about the text's size.
 */
export async function workbookWithSharedText(
  text: Iterable<Buffer>,
  { rows = [] as number[][], declaredSize }: { rows?: number[][]; declaredSize?: number } = {},
): Promise<Buffer> {
  const cells = rows
    .map(
      (row, r) =>
        `<row r="${r + 2}">${row.map((value, c) => `<c r="${String.fromCharCode(65 + c)}${r + 2}"><v>${value}</v></c>`).join('')}</row>`,
    )
    .join('');
  const plain = (name: string, data: Buffer) => deflatedEntry(name, [data]);
  const shared = deflatedEntry(
    'xl/sharedStrings.xml',
    (function* () {
      yield Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>`);
      yield* text;
      yield Buffer.from('</t></si></sst>');
    })(),
    declaredSize,
  );
  return zipArchive(
    await Promise.all([
      plain(
        '[Content_Types].xml',
        xml(
          `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
        ),
      ),
      plain(
        '_rels/.rels',
        xml(
          `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
      ),
      plain(
        'xl/workbook.xml',
        xml(
          `<workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
      ),
      plain(
        'xl/_rels/workbook.xml.rels',
        xml(
          `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${DOC}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        ),
      ),
      plain(
        'xl/worksheets/sheet1.xml',
        xml(
          `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>${cells}</sheetData></worksheet>`,
        ),
      ),
      shared,
    ]),
  );
}

/** `megabytes` of one letter, a megabyte at a time. */
export function* repeatedText(megabytes: number, letter = 'A'): Generator<Buffer> {
  const chunk = Buffer.alloc(MB, letter);
  for (let i = 0; i < megabytes; i++) yield chunk;
}

/** A workbook of a few hundred kilobytes whose one cell unzips to `megabytes` of text. */
export const bombWorkbook = (megabytes: number, options: { declaredSize?: number } = {}) =>
  workbookWithSharedText(repeatedText(megabytes), options);
