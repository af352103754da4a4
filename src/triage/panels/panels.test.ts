import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { sendReferral } from '../../../test/support/referrals.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { loadCalendar } from '../../platform/calendar/service.ts';
import { readSettings } from '../../platform/settings/service.ts';
import { londonDate } from '../../platform/london-time.ts';
import { parseAnswers, type ChildAnswers, type DraftAnswers } from '../../referrals/forms.ts';
import { neutralise } from '../../platform/csv-export.ts';
import {
  describeSchedule,
  initialsOf,
  MINUTES_COLUMNS,
  minutesCsv,
  nextPanelDate,
  PAST_PANELS,
  panelCutOff,
  panelFor,
} from './rules.ts';
import { scheduleOf } from '../rules.ts';

let t: TestApp;
let manager: Agent;
let decided: { id: number; reference: string; panel: string };

const FORMULA = '=HYPERLINK("http://attacker.test","Click for more")';

beforeAll(async () => {
  t = await createTestApp();
  manager = await t.signIn('triage_manager');
  const school = await t.signIn('school_user');
  const id = await sendReferral(school, await csrfToken(school));
  const decision = await manager
    .post(`/triage/${id}/decision`)
    .type('form')
    .send({ level: '2', outcome: 'targeted', reason: FORMULA, _csrf: await csrfToken(manager) });
  expect(decision.status).toBe(302);
  const row = await t.connection.db
    .selectFrom('referrals')
    .select(['reference', 'submitted_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  decided = { id, reference: row.reference!, panel: (await panelOf(row.submitted_at!))! };
});
afterAll(() => t.close());

const db = () => t.connection.db;
const REFERENCE = /IH-\d{4}-\d{5}/g;

async function panelOf(submittedAt: Date) {
  const settings = await readSettings(db());
  return panelFor(submittedAt, scheduleOf(settings), await loadCalendar(db()));
}

/** Every sent referral's reference, grouped by the panel that panelFor gives it. */
async function expectedAgendas(): Promise<Map<string, string[]>> {
  const rows = await db()
    .selectFrom('referrals')
    .select(['reference', 'submitted_at'])
    .where('status', '!=', 'draft')
    .execute();
  const agendas = new Map<string, string[]>();
  for (const row of rows) {
    const panel = (await panelOf(row.submitted_at!))!;
    agendas.set(panel, [...(agendas.get(panel) ?? []), row.reference!]);
  }
  return agendas;
}

const referencesOn = (html: string) => [...new Set(html.match(REFERENCE))].sort();

async function expectAgendasMatchPanelFor() {
  const agendas = await expectedAgendas();
  expect(agendas.size).toBeGreaterThan(0);
  let total = 0;
  for (const [date, references] of agendas) {
    const page = await manager.get(`/triage/panels/${date}`);
    expect(page.status, date).toBe(200);
    expect(referencesOn(page.text), date).toEqual([...references].sort());
    total += references.length;
  }
  const sent = await db()
    .selectFrom('referrals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '!=', 'draft')
    .executeTakeFirstOrThrow();
  expect(total).toBe(Number(sent.n));
}

const setSetting = async (key: 'triage-frequency', value: string) => {
  const admin = await db()
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoEmail('admin'))
    .executeTakeFirstOrThrow();
  const result = await t.services.settings.update({ userId: admin.id, ip: null }, key, value);
  expect(result.ok).toBe(true);
};

const download = (path: string, agent = manager) =>
  agent
    .get(path)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });

describe('the agenda of a triage panel', () => {
  it('holds exactly the sent referrals whose panel is that date, with the weekly panel every Friday in term time (Havering schools forum report 2024-25)', async () => {
    await expectAgendasMatchPanelFor();
  });

  it('holds exactly the sent referrals whose panel is that date, with the fortnightly Friday panel (Havering SEMH Team proposal)', async () => {
    await setSetting('triage-frequency', 'fortnightly');
    try {
      await expectAgendasMatchPanelFor();
      expect((await manager.get('/triage/panels')).text).toContain('Every other Friday in term time');
    } finally {
      await setSetting('triage-frequency', 'weekly');
    }
  });

  it('puts a referral sent after the noon cut-off on the following panel, and one sent at the cut-off on this one (Havering schools forum report 2024-25)', async () => {
    const calendar = await loadCalendar(db());
    const schedule = scheduleOf(await readSettings(db()));
    const panel = nextPanelDate(londonDate(new Date()), schedule, calendar)!;
    const following = nextPanelDate(panel, schedule, calendar)!;
    const cutOff = panelCutOff(panel, calendar);
    const school = await t.signIn('school_user');
    const csrf = await csrfToken(school);
    const [onTime, late] = [await sendReferral(school, csrf), await sendReferral(school, csrf)];
    await db().updateTable('referrals').set({ submitted_at: cutOff }).where('id', '=', onTime).execute();
    await db()
      .updateTable('referrals')
      .set({ submitted_at: new Date(cutOff.getTime() + 60_000) })
      .where('id', '=', late)
      .execute();
    const refs = await db()
      .selectFrom('referrals')
      .select(['id', 'reference'])
      .where('id', 'in', [onTime, late])
      .execute();
    const ref = (id: number) => refs.find((r) => r.id === id)!.reference!;

    const agenda = (await manager.get(`/triage/panels/${panel}`)).text;
    expect(agenda).toContain(ref(onTime));
    expect(agenda).not.toContain(ref(late));
    const next = (await manager.get(`/triage/panels/${following}`)).text;
    expect(next).toContain(ref(late));
    expect(next).not.toContain(ref(onTime));
  });

  it('shows each referral’s child, school, needs, suggested level and eligibility, and the decision once recorded (Southend Early Help Family Support service document (2016))', async () => {
    const page = await manager.get(`/triage/panels/${decided.panel}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<h1 class="govuk-heading-l">Friday \d{1,2} [A-Z][a-z]+ \d{4}<\/h1>/);
    expect(page.text).toContain('Tobi Adebayo');
    expect(page.text).toContain('Broadford Primary School');
    expect(page.text).toContain('Social, emotional and mental health');
    expect(page.text).toMatch(/Level 2 \(targeted or emerging needs\)/);
    expect(page.text).toMatch(/Eligible|Not eligible yet/);
    expect(page.text).toContain('Targeted support');
    expect(page.text).toContain('HYPERLINK');
    expect(page.text).toContain('Record the decision');
    expect(page.text).toContain(`/triage/panels/${decided.panel}/minutes.csv`);
    expect(page.text).toContain('never their full name or date of birth');
  });

  it('answers 404 for a date the panel does not meet and that has no referrals, and for a date that is not a date', async () => {
    expect((await manager.get('/triage/panels/2026-11-26')).status).toBe(404); // a Thursday
    expect((await manager.get('/triage/panels/2027-08-06')).status).toBe(404); // a Friday in the summer holidays
    expect((await manager.get('/triage/panels/2026-02-30')).status).toBe(404);
    expect((await manager.get('/triage/panels/next-week/minutes.csv')).status).toBe(404);
  });

  it('is for triage: school users and other staff get 403 on the panel pages and the minutes', async () => {
    for (const role of ['school_user', 'practitioner'] as const) {
      const agent = await t.signIn(role);
      for (const path of [
        '/triage/panels',
        `/triage/panels/${decided.panel}`,
        `/triage/panels/${decided.panel}/minutes.csv`,
        `/triage/panels/${decided.panel}/minutes.xlsx`,
      ]) {
        expect((await agent.get(path)).status, `${role} ${path}`).toBe(403);
      }
    }
  });
});

describe('the list of panels', () => {
  it('lists the next panels and past panels with referrals, with how many are on the agenda and decided', async () => {
    const page = await manager.get('/triage/panels');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Every Friday in term time');
    expect(page.text).not.toContain('href="/admin/settings"');
    const agendas = await expectedAgendas();
    const links = [...page.text.matchAll(/href="\/triage\/panels\/(\d{4}-\d{2}-\d{2})"/g)].map((m) => m[1]);
    expect(links).toContain(decided.panel);
    const today = londonDate(new Date());
    const listedPast = [...agendas.keys()]
      .filter((date) => date < today)
      .sort()
      .reverse()
      .slice(0, PAST_PANELS);
    for (const [date, references] of agendas) {
      if (date < today && !listedPast.includes(date)) continue; // only the latest past panels are listed
      if (date < today) expect(links).toContain(date);
      const row = new RegExp(`${date}">[^<]+</a></td>\\s*<td[^>]*>${references.length}</td>`);
      expect(page.text, date).toMatch(row);
    }
  });

  it('describes the schedule in words (the Havering SEMH Team proposal and schools forum report 2024-25)', () => {
    expect(describeSchedule({ frequency: 'weekly', weekday: 'friday' })).toBe('Every Friday in term time');
    expect(describeSchedule({ frequency: 'fortnightly', weekday: 5 })).toBe('Every other Friday in term time');
  });

  it('offers the link to change the schedule to administrators only', async () => {
    await db()
      .updateTable('users')
      .set({ roles: ['team_manager', 'admin'] })
      .where('email', '=', demoEmail('team_manager'))
      .execute();
    const agent = await t.signIn('team_manager');
    expect((await agent.get('/triage/panels')).text).toContain('href="/admin/settings"');
  });
});

describe('the panel minutes', () => {
  async function childrenOnAgenda(date: string) {
    const rows = await db()
      .selectFrom('referrals')
      .select(['answers', 'submitted_at'])
      .where('status', '!=', 'draft')
      .execute();
    const children: ChildAnswers[] = [];
    for (const row of rows) {
      if ((await panelOf(row.submitted_at!)) === date)
        children.push(parseAnswers(row.answers as unknown as DraftAnswers).parsed.child as ChildAnswers);
    }
    return children;
  }

  it('downloads as CSV with the header and initials, never full names or dates of birth', async () => {
    const response = await manager.get(`/triage/panels/${decided.panel}/minutes.csv`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="triage-panel-${decided.panel}.csv"`);
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(MINUTES_COLUMNS.map((c) => c.header).join(','));
    const children = await childrenOnAgenda(decided.panel);
    expect(lines).toHaveLength(children.length + 1);
    for (const child of children) {
      expect(response.text).not.toContain(`${child.firstName} ${child.lastName}`);
      expect(response.text).not.toContain(child.dateOfBirth);
    }
    expect(response.text).not.toMatch(/14\/0?3\/2018|14 March 2018/);
    expect(lines.find((line) => line.startsWith(decided.reference))).toMatch(
      /^IH-\d{4}-\d{5},Broadford Primary School,TA,Year 3,/,
    );
  });

  it('neutralises a cell that a spreadsheet would run as a formula (CSV injection)', async () => {
    const csv = (await manager.get(`/triage/panels/${decided.panel}/minutes.csv`)).text;
    const line = csv.split('\r\n').find((l) => l.startsWith(decided.reference))!;
    expect(line).toContain(`"'=HYPERLINK(""http://attacker.test"",""Click for more"")"`);
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) expect(neutralise(bad)).toBe(`'${bad}`);
    expect(neutralise('Level 2 - targeted')).toBe('Level 2 - targeted');
    const row = {
      reference: 'IH-2026-00001',
      school: '=cmd',
      initials: 'AB',
      yearGroup: 'Year 3',
      needs: '',
      level: 2,
      outcome: '',
      reason: '',
      decidedBy: '',
      decidedAt: null,
    };
    expect(minutesCsv([row])).toContain(`,'=cmd,`);
  });

  it('downloads as an Excel workbook that reads back, with text cells never formulas', async () => {
    const response = await download(`/triage/panels/${decided.panel}/minutes.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="triage-panel-${decided.panel}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Minutes')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(MINUTES_COLUMNS.map((c) => c.header));
    expect(sheet.rowCount).toBe((await childrenOnAgenda(decided.panel)).length + 1);
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === decided.reference)!;
    expect(row.getCell(3).value).toBe('TA');
    expect(row.getCell(6).value).toBe(2);
    expect(row.getCell(8).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(8).value).toBe(FORMULA);
    expect(row.getCell(10).value).toBeInstanceOf(Date);
  });

  it('audits each export with its format and number of rows', async () => {
    const before = await db()
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await manager.get(`/triage/panels/${decided.panel}/minutes.csv`);
    await download(`/triage/panels/${decided.panel}/minutes.xlsx`);
    const rows = (await childrenOnAgenda(decided.panel)).length;
    const audits = await db()
      .selectFrom('audit_events')
      .select(['action', 'record_type', 'record_id', 'details'])
      .where('id', '>', Number(before.id ?? 0))
      .where('action', '=', 'export')
      .orderBy('id')
      .execute();
    expect(audits).toEqual([
      { action: 'export', record_type: 'panel', record_id: decided.panel, details: { format: 'csv', rows } },
      { action: 'export', record_type: 'panel', record_id: decided.panel, details: { format: 'xlsx', rows } },
    ]);
  });

  it('prints as the minutes table with initials, not the children’s names', async () => {
    const page = await manager.get(`/triage/panels/${decided.panel}?print=1`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Minutes of the triage panel');
    expect(page.text).toContain('app-minutes');
    expect(page.text).not.toContain('Tobi Adebayo');
    expect(page.text).toMatch(/<td class="govuk-table__cell">TA<\/td>/);
  });

  it('makes initials from the first letters of the first and last names', () => {
    expect(initialsOf('Tobi', 'Adebayo')).toBe('TA');
    expect(initialsOf(' élodie ', "o'Neill")).toBe('ÉO');
    expect(initialsOf('', undefined)).toBe('');
  });
});
