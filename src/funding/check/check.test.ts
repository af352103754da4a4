import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import type { Calculation } from '../rules.ts';
import { agrees, checkFigures, summaryText, TO_THE_POUND, TO_THE_THOUSAND, type PrintedFigure } from './rules.ts';

const PAGE = '/funding/2024-25/check';
const tags = (html: string, text: string) => html.split(`>\n  ${text}\n</strong>`).length - 1;

describe('the check page', () => {
  let t: TestApp;
  let agent: Agent;

  beforeAll(async () => {
    ({ t, agent } = await appSignedInAs('finance_officer', { marks: false }));
  });
  afterAll(() => t.close());

  it('shows every printed figure of the Havering schools forum report 2024-25 agreeing except the paper’s own contradiction, which it names', async () => {
    const page = await agent.get(PAGE);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      '21 of 22 printed figures agree; 1 does not: Statutory and regulatory duties, primary total (printed £341,000, computed £333,754.04).',
    );
    expect(tags(page.text, 'Agrees')).toBe(21);
    expect(tags(page.text, 'Does not agree')).toBe(1);
    expect(page.text).toContain('The paper contradicts itself');
    expect(page.text).toMatch(/Primary total[\s\S]*?£190,228<\/td>\s*<td[^>]*>£190,228\.0\d<\/td>/);
    expect(page.text).toMatch(
      /Primary AWPU total[\s\S]*?£363,000<\/td>\s*<td[^>]*>£362,964\.00<\/td>\s*<td[^>]*>-£36\.00<\/td>/,
    );
    expect(page.text).toMatch(/Primary lowest per school[\s\S]*?£518<\/td>\s*<td[^>]*>£517\.94<\/td>/);
  });

  it('is open to analysts, who may read funding data', async () => {
    expect((await (await t.signIn('analyst')).get(PAGE)).status).toBe(200);
  });

  it('refuses a school user with 403', async () => {
    expect((await (await t.signIn('school_user')).get(PAGE)).status).toBe(403);
  });

  it('answers 404 for a year that does not exist, or is not a year', async () => {
    expect((await agent.get('/funding/2049-50/check')).status).toBe(404);
    expect((await agent.get('/funding/nonsense/check')).status).toBe(404);
  });

  it('says there is nothing to check for a year with no printed figures', async () => {
    await t.services.db.insertInto('funding_years').values({ label: '2025-26' }).execute();
    const page = await agent.get('/funding/2025-26/check');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No printed figures have been recorded for 2025-26, so there is nothing to check.');
  });
});

describe('checking printed figures', () => {
  const figure = (printed: number, roundedToPence: number): PrintedFigure => ({
    service: 'insurance',
    phase: 'primary',
    figure: 'factor-total',
    factor: 'nor',
    printedPence: printed * 100,
    roundedToPence,
    source: 'table',
    note: '',
  });
  const calculation = (pence: number): Calculation => ({
    amounts: [],
    buyBack: [],
    factors: [
      {
        service: 'insurance',
        phase: 'primary',
        factor: 'nor',
        ratePence: 2100,
        previousRatePence: 2000,
        units: 1,
        pence,
      },
    ],
    summary: [],
  });

  it('a figure agrees when it is within half the paper’s rounding unit of the printed one', () => {
    expect(agrees(362_964_00, 363_000_00, TO_THE_THOUSAND)).toBe(true);
    expect(agrees(363_500_00, 363_000_00, TO_THE_THOUSAND)).toBe(true);
    expect(agrees(363_500_01, 363_000_00, TO_THE_THOUSAND)).toBe(false);
    expect(agrees(30_352_50, 30_352_00, TO_THE_POUND)).toBe(true);
    expect(agrees(30_352_51, 30_352_00, TO_THE_POUND)).toBe(false);
    expect(agrees(null, 100, TO_THE_POUND)).toBe(false);
  });

  it('a printed figure the year computes nothing for does not agree', () => {
    const [checked] = checkFigures([{ ...figure(100, TO_THE_POUND), factor: 'fsm' }], calculation(100_00));
    expect(checked).toMatchObject({ computedPence: null, agrees: false });
  });

  it('the summary counts the figures and names each that does not agree', () => {
    const checked = checkFigures(
      [figure(363_000, TO_THE_THOUSAND), figure(341_000, TO_THE_THOUSAND)],
      calculation(362_964_00),
    );
    expect(summaryText(checked, () => 'Insurance, primary AWPU total')).toBe(
      '1 of 2 printed figures agree; 1 does not: Insurance, primary AWPU total (printed £341,000, computed £362,964.00).',
    );
    expect(summaryText(checked.slice(0, 1), () => '')).toBe('The printed figure agrees.');
    expect(summaryText([checked[0], checked[0]], () => '')).toBe('All 2 printed figures agree.');
    expect(summaryText([], () => '')).toBeUndefined();
  });
});
