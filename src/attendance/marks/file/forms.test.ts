import { describe, expect, it } from 'vitest';
import { makeUpn } from '../../../children/rules.ts';
import { MarksReader, type MarksContext } from './forms.ts';
import { sessionIndex } from '../../rules.ts';

const UPN_A = makeUpn(311, '2001', 20, 1);
const UPN_B = makeUpn(311, '2001', 20, 2);
const context: MarksContext = { knownUrns: new Set([102317, 102318]), today: '2026-11-25' };

function read(text: string, extra: Partial<MarksContext> = {}) {
  const reader = new MarksReader({ ...context, ...extra });
  reader.push(text);
  reader.end();
  return reader;
}

const file = (...rows: string[]) => ['upn,urn,date,session,code', ...rows].join('\n') + '\n';

describe('reading a session marks file (upn,urn,date,session,code)', () => {
  it('gathers each pupil’s marks into their school year, one place per session', () => {
    const reader = read(
      file(`${UPN_A},102317,2026-09-03,AM,/`, `${UPN_A},102317,2026-09-03,PM,I`, `${UPN_B},102317,2026-09-04,AM,"#"`),
    );
    expect(reader.ok).toBe(true);
    expect(reader.rows).toBe(3);
    expect(reader.startYear).toBe(2026);
    const a = reader.pupils.get(`102317:${UPN_A}`)!;
    const am = sessionIndex('2026-09-03', 'AM', 2026);
    expect(String.fromCharCode(a.marks[am]!, a.marks[am + 1]!, a.marks[am + 2]!)).toBe('/I.');
    expect(reader.ranges.get(102317)).toEqual({ first: am, last: sessionIndex('2026-09-04', 'AM', 2026) });
  });

  it('names the line and column of every bad value', () => {
    const reader = read(
      file(
        `A12345678901Z,102317,2026-09-03,AM,/`,
        `${UPN_A},999999,2026-09-03,AM,/`,
        `${UPN_A},102317,2026-02-30,AM,/`,
        `${UPN_A},102317,2026-09-03,EVE,/`,
        `${UPN_A},102317,2026-09-03,AM,H`,
        `${UPN_A},102317,2026-12-25,AM,/`,
        `${UPN_A},102317,2027-09-06,AM,/`,
        `${UPN_A},102317`,
      ),
    );
    expect(reader.ok).toBe(false);
    expect(reader.problems.map((p) => `${p.line} ${p.column}`)).toEqual([
      '2 upn',
      '3 urn',
      '4 date',
      '5 session',
      '6 code',
      '7 date',
      '8 date',
      '9 row',
    ]);
    expect(reader.problems[4]!.message).toContain('‘H’ is not a 2024 attendance code');
    expect(reader.problems[5]!.message).toBe('2026-12-25 is in the future');
  });

  it('refuses a second school year in one file, and a second mark for the same session', () => {
    const reader = read(
      file(`${UPN_A},102317,2025-09-03,AM,/`, `${UPN_A},102317,2026-09-03,AM,/`, `${UPN_A},102317,2025-09-03,AM,I`),
    );
    expect(reader.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [
        3,
        'date',
        '2026-09-03 is not in the 2025 to 2026 school year, which the file’s first mark is in: send one school year in a file',
      ],
      [4, 'session', 'A second mark for this pupil’s AM session on 2025-09-03 at school 102317'],
    ]);
  });

  it('maps J to J1 and says how many were mapped', () => {
    const reader = read(file(`${UPN_A},102317,2026-09-03,AM,J`));
    expect(reader.ok).toBe(true);
    expect(reader.mapped.get('J')).toBe(1);
  });

  it('lets a school user send marks only for their own school', () => {
    const reader = read(file(`${UPN_A},102318,2026-09-03,AM,/`), { permittedUrns: new Set([102317]) });
    expect(reader.problems).toEqual([
      { line: 2, column: 'urn', message: 'You cannot send marks for school 102318: only for your own school' },
    ]);
  });

  it('needs the header row, and at least one mark', () => {
    expect(read('upn,urn,date,code\n').problems[0]).toMatchObject({ line: 1, column: 'header' });
    expect(read('').problems[0]!.message).toContain('The file is empty');
    expect(read('upn,urn,date,session,code\n').problems[0]!.message).toBe('The file has a header row but no marks');
  });

  it('lists the first 20 problems and counts them all', () => {
    const rows = Array.from({ length: 30 }, () => `${UPN_A},102317,not-a-date,AM,/`);
    const reader = read(file(...rows));
    expect(reader.problems).toHaveLength(20);
    expect(reader.problemCount).toBe(30);
  });
});
