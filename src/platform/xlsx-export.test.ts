import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { columnWidths, tableCsv, tableXlsx } from './xlsx-export.ts';

const header = ['rank', 'school', 'score'];
const rows = [
  [1, '=HYPERLINK("http://example.test")', 0.5],
  [2, 'A school with a very long name that goes on and on and on beyond fifty characters', null],
];

describe('a table sent as CSV or Excel', () => {
  it('sizes each column to its longest value, within bounds', () => {
    expect(columnWidths(header, rows)).toEqual([6, 50, 7]);
  });

  it('writes the same header and rows to both files, with a bold header and text never read as a formula', async () => {
    expect(tableCsv({ header, rows }).split('\n')[0]).toBe('rank,school,score');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await tableXlsx({ sheet: 'Results', header, rows })) as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
    const sheet = workbook.getWorksheet('Results')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(2).getCell(3).value).toBe(0.5);
    expect(sheet.getRow(3).getCell(3).value).toBeNull();
  });
});
