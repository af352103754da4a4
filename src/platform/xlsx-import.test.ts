import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bombWorkbook, repeatedText, workbookWithSharedText } from '../../test/support/workbooks.ts';
import type { Records } from './csv-import.ts';
import { WORKBOOK_NEEDS_TOO_MUCH_MEMORY, WORKBOOK_TOO_SLOW, readSpreadsheetRecords } from './xlsx-import.ts';

const MB = 1024 * 1024;
const problems = (result: Records) => (result.ok ? [] : result.problems.map((problem) => problem.message));

/** What the call took, and how far the process's memory rose above where it started while it ran (sampled every 10 ms). */
async function measured<T>(task: () => Promise<T>): Promise<{ result: T; seconds: number; peakRiseMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  try {
    const result = await task();
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      peakRiseMb: (Math.max(peak, process.memoryUsage.rss()) - before) / MB,
    };
  } finally {
    clearInterval(sampler);
  }
}

describe('reading an uploaded workbook within limits (zip bombs)', () => {
  it('refuses a workbook of a few hundred kilobytes whose one cell unzips to 200 MB, quickly and without holding it in memory', async () => {
    const bomb = await bombWorkbook(200);
    expect(bomb.length).toBeLessThan(300 * 1024);
    const { result, seconds, peakRiseMb } = await measured(() => readSpreadsheetRecords(bomb));
    expect(problems(result)).toEqual([
      'The file is too large once unzipped: the limit is 100 MB for any one part of the workbook',
    ]);
    expect(seconds).toBeLessThan(15);
    expect(peakRiseMb).toBeLessThan(300);
  }, 60_000);

  it('counts the bytes as it unzips, whatever sizes the file declares, and stops at the first limit passed', async () => {
    const lying = await bombWorkbook(200, { declaredSize: 1000 });
    const { result, peakRiseMb } = await measured(() => readSpreadsheetRecords(lying));
    expect(problems(result)).toEqual([
      'The file cannot be read safely: part of it grows to more than 100 times its size once unzipped. Save it again from your spreadsheet program, or as a CSV file, and upload it',
    ]);
    expect(peakRiseMb).toBeLessThan(300);
    // With no limit on how much a part may grow, the size of one part stops it, then all the parts together.
    expect(problems(await readSpreadsheetRecords(lying, { maxRatio: 1e6, maxEntryBytes: 20 * MB }))).toEqual([
      'The file is too large once unzipped: the limit is 20 MB for any one part of the workbook',
    ]);
    expect(problems(await readSpreadsheetRecords(lying, { maxRatio: 1e6, maxTotalBytes: 10 * MB }))).toEqual([
      'The file is too large once unzipped: the limit is 10 MB',
    ]);
  }, 60_000);

  it('refuses a workbook with more parts inside it than a workbook has', async () => {
    const small = await workbookWithSharedText([Buffer.from('URN')]);
    expect(problems(await readSpreadsheetRecords(small, { maxEntries: 5 }))).toEqual([
      'The file has more than 5 parts inside it, far more than a workbook has. Save it again from your spreadsheet program, or as a CSV file, and upload it',
    ]);
  });

  it('reads rows one at a time and stops at the row limit', async () => {
    const file = await workbookWithSharedText([Buffer.from('URN')], { rows: [[1], [2], [3], [4], [5]] });
    expect(problems(await readSpreadsheetRecords(file, { maxRows: 3 }))).toEqual([
      'The file must have 3 rows or fewer; it has more',
    ]);
    const read = await readSpreadsheetRecords(file, { maxRows: 5 });
    expect(read.ok && read.records.map((record) => record.fields[0])).toEqual(['URN', '1', '2', '3', '4', '5']);
  });

  it('refuses a workbook that needs more memory than its reader may use, and goes on reading others', async () => {
    const heavy = await workbookWithSharedText(repeatedText(40, 'B'));
    expect(problems(await readSpreadsheetRecords(heavy, { maxRatio: 1e6, memoryMb: 16 }))).toEqual([
      WORKBOOK_NEEDS_TOO_MUCH_MEMORY,
    ]);
    expect(problems(await readSpreadsheetRecords(heavy, { timeoutMs: 1 }))).toEqual([WORKBOOK_TOO_SLOW]);
    expect((await readSpreadsheetRecords(await workbookWithSharedText([Buffer.from('URN')], { rows: [[1]] }))).ok).toBe(
      true,
    );
  }, 60_000);

  it('still reads a normal workbook: its first tab, numbers, dates, formulas and rich text, with Excel’s row numbers', async () => {
    const book = new ExcelJS.Workbook();
    const notes = book.addWorksheet('Notes');
    const census = book.addWorksheet('Census');
    // The tabs' order, as a person dragging Census to the front leaves it (exceljs has no typed setter).
    Object.assign(census, { orderNo: 0 });
    Object.assign(notes, { orderNo: 1 });
    notes.addRow(['not this sheet']);
    census.addRow(['urn', 'date', 'total', 'name']);
    census.addRow([
      102317,
      new Date(Date.UTC(2026, 8, 1)),
      { formula: '2+3', result: 5 },
      { richText: [{ text: 'Broad' }, { text: 'ford' }] },
    ]);
    census.addRow([]);
    census.addRow([102322, 'x']);
    const read = await readSpreadsheetRecords(Buffer.from(await book.xlsx.writeBuffer()));
    expect(read).toEqual({
      ok: true,
      records: [
        { row: 1, fields: ['urn', 'date', 'total', 'name'] },
        { row: 2, fields: ['102317', '2026-09-01', '5', 'Broadford'] },
        { row: 4, fields: ['102322', 'x'] },
      ],
    });
  });
});
