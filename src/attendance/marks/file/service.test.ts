import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeUpn } from '../../../children/rules.ts';
import { pupilsOf, readMarksFile, type ReadResult } from './service.ts';

const folder = mkdtempSync(join(tmpdir(), 'read-parts-'));
const job = (path: string) => ({ path, knownUrns: [102317, 102318], today: '2026-11-25' });

/** Ten pupils' marks for a week, each pupil's rows together, with extra rows appended. */
function file(name: string, extra: string[] = []) {
  const rows = ['upn,urn,date,session,code'];
  for (let pupil = 0; pupil < 10; pupil++) {
    for (const date of ['2025-09-08', '2025-09-09', '2025-09-10'])
      for (const session of ['AM', 'PM'])
        rows.push(`${makeUpn(311, '2001', 20, pupil)},102317,${date},${session},${pupil % 3 ? '/' : 'I'}`);
  }
  const path = join(folder, name);
  writeFileSync(path, [...rows, ...extra].join('\n') + '\n');
  return path;
}

const byPupil = (result: ReadResult) => {
  if (result.type !== 'read') throw new Error('refused');
  return Object.fromEntries(
    [...pupilsOf(result.parts)].map((pupil) => [
      `${pupil.urn}:${pupil.upn}`,
      Buffer.from(pupil.marks).toString('latin1'),
    ]),
  );
};

describe('reading a large marks file in two halves on two cores', () => {
  it('gives the same marks as reading it whole', async () => {
    const path = file('same.csv');
    const whole = await readMarksFile(job(path), () => undefined);
    const halves = await readMarksFile(job(path), () => undefined, 1);
    expect(halves).toMatchObject({ type: 'read', lines: 61, rows: 60 });
    expect(byPupil(halves)).toEqual(byPupil(whole));
  });

  it('counts a problem’s line from the top of the file, whichever half it is in', async () => {
    const path = file('bad.csv', [`${makeUpn(311, '2001', 20, 1)},102317,2025-09-11,XX,/`]);
    const result = await readMarksFile(job(path), () => undefined, 1);
    expect(result).toMatchObject({ type: 'refused', problemCount: 1, problems: [{ line: 62, column: 'session' }] });
  });

  it('refuses a session marked in both halves', async () => {
    const path = file('twice.csv', [`${makeUpn(311, '2001', 20, 0)},102317,2025-09-08,AM,N`]);
    const result = await readMarksFile(job(path), () => undefined, 1);
    expect(result).toMatchObject({
      type: 'refused',
      problems: [
        {
          column: 'session',
          message: expect.stringContaining('A second mark for a pupil’s AM session on 2025-09-08 at school 102317'),
        },
      ],
    });
  });
});
