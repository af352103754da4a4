import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SCHOOL_COLUMNS } from './school-data/rules.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'funding-cli-'));

function file(name: string, lines: string[]) {
  const path = join(folder, name);
  writeFileSync(path, lines.join('\r\n'));
  return path;
}

const SCHOOL_HEADER = SCHOOL_COLUMNS.join(',');
const RATE_HEADER = 'service,phase,factor,rate,previous_rate';

// Columns: urn, name, phase, status, nor, fsm, fsm6, eal3, idaci_a … idaci_f, low_attainment, special_places.
const schools = file('schools.csv', [
  SCHOOL_HEADER,
  '100001,"Broadford Primary School, Harold Hill",Primary,maintained,210,30,40,12,1.3333,0,3,7.25,12.5,0,18,0',
  '100002,Hilldene Primary School,PRIMARY,maintained,100,5,0,0,0,0,0.5,0,0,0,0.1,0',
  '100003,Drapers Academy,Primary,academy,300,20,50,0,0,0,0,0,0,0,0,0',
  '100004,Corbets Tey School,Special,maintained,0,0,0,0,0,0,0,0,0,0,0,120',
]);
// Havering schools forum report 2024-25: behaviour support £5.00 per pupil and £12.05 per IDACI C pupil; FSM eligibility £9.50;
// statutory duties £45.00 per special place (2023-24 £44.00).
const rates = file('rates.csv', [
  RATE_HEADER,
  'behaviour-support,Primary,nor,£5.00,£5.00',
  'behaviour-support,Primary,idaci_c,12.05,12.05',
  'fsm-checking,primary,fsm,9.50,',
  'statutory-duties,special,special_places,£45.00,£44.00',
]);

const cli = (...args: string[]) => run(process.execPath, ['src/funding/cli.ts', 'statement', ...args]);
const failure = (...args: string[]) =>
  cli(...args).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => error,
  );

describe('the funding command line prints what each maintained school pays for each service', () => {
  it('as one JSON object: factor totals, each school’s amount and each service’s summary, in pounds', async () => {
    const { stdout } = await cli('--schools', schools, '--rates', rates, '--format', 'json');
    const result = JSON.parse(stdout);
    // 210 + 100 pupils at £5.00; 3.5 IDACI C pupils at £12.05 = £42.175 → £42.18; 35 FSM pupils at £9.50.
    expect(result.services).toEqual([
      { service: 'behaviour-support', phase: 'primary', factor: 'nor', rate: 5, units: 310, total: 1550 },
      { service: 'behaviour-support', phase: 'primary', factor: 'idaci_c', rate: 12.05, units: 3.5, total: 42.18 },
      { service: 'fsm-checking', phase: 'primary', factor: 'fsm', rate: 9.5, units: 35, total: 332.5 },
      { service: 'statutory-duties', phase: 'special', factor: 'special_places', rate: 45, units: 120, total: 5400 },
    ]);
    // 100001: 210 × £5.00 + 3 × £12.05 = £1,086.15; 100002: 100 × £5.00 + 0.5 × £12.05 = £506.025 → £506.03 (half up).
    expect(result.schools).toEqual([
      { urn: 100001, service: 'behaviour-support', amount: 1086.15 },
      { urn: 100002, service: 'behaviour-support', amount: 506.03 },
      { urn: 100001, service: 'fsm-checking', amount: 285 },
      { urn: 100002, service: 'fsm-checking', amount: 47.5 },
      { urn: 100004, service: 'statutory-duties', amount: 5400 },
    ]);
    expect(result.summary).toEqual([
      {
        service: 'behaviour-support',
        phase: 'primary',
        schools: 2,
        total: 1592.18,
        lowest: 506.03,
        median: 796.09,
        highest: 1086.15,
      },
      {
        service: 'fsm-checking',
        phase: 'primary',
        schools: 2,
        total: 332.5,
        lowest: 47.5,
        median: 166.25,
        highest: 285,
      },
      {
        service: 'statutory-duties',
        phase: 'special',
        schools: 1,
        total: 5400,
        lowest: 5400,
        median: 5400,
        highest: 5400,
      },
    ]);
  });

  it('never lists an academy: academies are not de-delegated', async () => {
    const result = JSON.parse((await cli('--schools', schools, '--rates', rates)).stdout);
    expect(result.schools.some((school: { urn: number }) => school.urn === 100003)).toBe(false);
  });

  it('as CSV: the per-school table with amounts to two decimal places', async () => {
    const { stdout } = await cli('--schools', schools, '--rates', rates, '--format', 'csv');
    expect(stdout.trim().split('\n')).toEqual([
      'urn,name,service,phase,amount',
      '100001,"Broadford Primary School, Harold Hill",behaviour-support,primary,1086.15',
      '100002,Hilldene Primary School,behaviour-support,primary,506.03',
      '100001,"Broadford Primary School, Harold Hill",fsm-checking,primary,285.00',
      '100002,Hilldene Primary School,fsm-checking,primary,47.50',
      '100004,Corbets Tey School,statutory-duties,special,5400.00',
    ]);
  });
});

describe('bad input exits non-zero naming the file, line and column', () => {
  it('names a factor that is not a school column', async () => {
    const bad = file('unknown-factor.csv', [
      RATE_HEADER,
      'behaviour-support,primary,nor,5.00,5.00',
      'behaviour-support,primary,pupils,5.00,5.00',
    ]);
    expect(await failure('--schools', schools, '--rates', bad)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${bad}: line 3, column factor: ‘pupils’ is not a factor`),
    });
  });

  it('names negative units and a rate that is not a number, every problem on its own line', async () => {
    const badSchools = file('negative.csv', [
      SCHOOL_HEADER,
      '100001,Broadford,Primary,maintained,210,-3,0,0,0,0,0,0,0,0,0,0',
    ]);
    const badRates = file('not-a-number.csv', [RATE_HEADER, 'insurance,primary,nor,twenty-one,20.00']);
    const { code, stderr } = await failure('--schools', badSchools, '--rates', badRates);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `${badSchools}: line 2, column fsm: units cannot be negative (-3)`,
      `${badRates}: line 2, column rate: ‘twenty-one’ is not a rate: enter an amount in pounds, like 11.00 or £11.00`,
    ]);
  });

  it('names a missing column', async () => {
    const bad = file('missing-column.csv', [
      SCHOOL_HEADER.replace(',eal3', ''),
      '100001,Broadford,Primary,maintained,1,1,1,1,1,1,1,1,1,1,1',
    ]);
    expect(await failure('--schools', bad, '--rates', rates)).toMatchObject({
      code: 1,
      stderr: `${bad}: line 1, column eal3: the file must have a column named eal3\n`,
    });
  });

  it('names a missing file', async () => {
    const missing = join(folder, 'no-such-file.csv');
    expect(await failure('--schools', missing, '--rates', rates)).toMatchObject({
      code: 1,
      stderr: `${missing}: there is no such file\n`,
    });
  });

  it('explains how to use it when an option is missing or wrong', async () => {
    expect(await failure('--schools', schools)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--rates is missing'),
    });
    expect(await failure('--schools', schools, '--rates', rates, '--format', 'xml')).toMatchObject({
      code: 1,
      stderr: '--format must be json or csv\n',
    });
    expect(await failure('--schools', schools, '--rates', rates, '--colour')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Usage: npm run --silent funding -- statement'),
    });
  });
});
