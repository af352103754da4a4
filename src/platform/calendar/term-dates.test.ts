import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { ROLES } from '../roles.ts';
import { checkDateParts, dateInput, dateInputView, formatIsoDate, withDateInputs } from '../date-input.ts';
import { validate } from '../validation.ts';
import { addCalendarDays, isTermTime } from './calendar.ts';
import { academicYearOf } from './service.ts';

let t: TestApp;
let admin: Agent;

beforeAll(async () => ({ t, agent: admin } = await appSignedInAs('admin', { marks: false })));
afterAll(() => t.close());

/** The form fields for a term, as the browser sends them. */
function termForm(name: string, startsOn: string, endsOn: string) {
  const fields = (prefix: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    return { [`${prefix}-day`]: day ?? '', [`${prefix}-month`]: month ?? '', [`${prefix}-year`]: year ?? '' };
  };
  return { name, ...fields('startsOn', startsOn), ...fields('endsOn', endsOn) };
}

async function post(path: string, form: Record<string, string> = {}) {
  return admin
    .post(path)
    .type('form')
    .send({ ...form, _csrf: await csrfToken(admin) });
}

async function termCount() {
  return (await t.services.calendar.terms()).length;
}

async function termAudits() {
  return t.connection.db
    .selectFrom('audit_events')
    .selectAll()
    .where('record_type', '=', 'term')
    .orderBy('id')
    .execute();
}

describe('GOV.UK date input', () => {
  it.each([
    [{}, 'Enter the start date', ['day', 'month', 'year']],
    [{ day: '4', year: '2027' }, 'Start date must include a month', ['month']],
    [{ month: '9' }, 'Start date must include a day and year', ['day', 'year']],
    [{ day: '30', month: '2', year: '2027' }, 'Start date must be a real date', ['day', 'month', 'year']],
    [{ day: '4', month: '13', year: '2027' }, 'Start date must be a real date', ['day', 'month', 'year']],
    [{ day: 'x', month: '9', year: '2027' }, 'Start date must be a real date', ['day', 'month', 'year']],
    [{ day: '4', month: '9', year: '27' }, 'Start date year must include 4 numbers', ['year']],
  ])('rejects %o with "%s", at fault: %o', (parts, message, atFault) => {
    expect(checkDateParts(parts, 'start date')).toEqual({ ok: false, message, parts: atFault });
  });

  it('accepts numbers with or without leading zeros, month names, and spaces', () => {
    expect(checkDateParts({ day: '04', month: '09', year: '2027' }, 'start date')).toEqual({
      ok: true,
      date: '2027-09-04',
    });
    expect(checkDateParts({ day: ' 4 ', month: 'Sept', year: '2027' }, 'start date')).toEqual({
      ok: true,
      date: '2027-09-04',
    });
    expect(checkDateParts({ day: '29', month: 'february', year: '2028' }, 'start date')).toEqual({
      ok: true,
      date: '2028-02-29',
    });
  });

  it('keeps dates within the allowed range', () => {
    const check = checkDateParts({ day: '1', month: '1', year: '1999' }, 'start date', { earliest: '2000-01-01' });
    expect(check).toMatchObject({ ok: false, message: 'Start date must be the same as or after 1 January 2000' });
  });

  it('works inside a form schema, linking the error to the first box at fault', () => {
    const schema = z.preprocess((body) => withDateInputs(body, ['due']), z.object({ due: dateInput('due date') }));
    expect(validate(schema, { 'due-day': '1', 'due-month': '2', 'due-year': '2027' })).toEqual({
      ok: true,
      data: { due: '2027-02-01' },
    });
    expect(validate(schema, { due: '2027-02-01' })).toEqual({ ok: true, data: { due: '2027-02-01' } });
    const missing = validate(schema, { 'due-day': '1', 'due-month': '', 'due-year': '2027' });
    expect(missing).toMatchObject({
      ok: false,
      errors: [{ text: 'Due date must include a month', href: '#due-month' }],
    });
  });

  it('highlights only the boxes at fault when showing the error', () => {
    const values = { 'due-day': '1', 'due-month': '', 'due-year': '2027' };
    const view = dateInputView('due', values, { 'due-month': { text: 'Due date must include a month' } });
    expect(view.errorMessage).toEqual({ text: 'Due date must include a month' });
    expect(view.items.map((item) => item.classes.includes('govuk-input--error'))).toEqual([false, true, false]);
    expect(view.items[0].value).toBe('1');
  });
});

describe('term dates', () => {
  it('lists the terms by school year, with the bank holidays in the coming year', async () => {
    const page = await admin.get('/admin/term-dates');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Term dates</h1>');
    for (const year of ['2024 to 2025', '2025 to 2026', '2026 to 2027'])
      expect(page.text).toContain(`${year} school year`);
    expect(page.text).toContain('Autumn 2 2026');
    expect(page.text).toContain('2 November 2026');
    const today = new Date().toISOString().slice(0, 10);
    const holidays = await t.services.calendar.bankHolidaysBetween(today, addCalendarDays(today, 365));
    expect(holidays.length).toBeGreaterThan(0);
    expect(page.text).toContain('Bank holidays in the next 12 months');
    expect(page.text).toContain(formatIsoDate(holidays[0].date));
  });

  it('names school years from August, the GOV.UK way', () => {
    expect(academicYearOf('2026-09-03')).toBe('2026 to 2027');
    expect(academicYearOf('2027-07-21')).toBe('2026 to 2027');
  });

  it('counts a newly added term as term time in the service’s calendar, and audits it', async () => {
    expect(isTermTime('2028-09-06', await t.services.calendar.calendar())).toBe(false);
    const response = await post('/admin/term-dates/new', termForm('Autumn 1 2028', '2028-09-04', '2028-10-20'));
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin/term-dates');
    expect((await admin.get('/admin/term-dates')).text).toContain('Autumn 1 2028 added');

    const calendar = await t.services.calendar.calendar();
    expect(isTermTime('2028-09-06', calendar)).toBe(true);
    expect(isTermTime('2028-10-23', calendar)).toBe(false);
    const audit = (await termAudits()).at(-1)!;
    expect(audit).toMatchObject({ action: 'create' });
    expect(audit.details).toEqual({ name: 'Autumn 1 2028', startsOn: '2028-09-04', endsOn: '2028-10-20' });
  });

  it('rejects a term that overlaps another, naming it, and saves nothing', async () => {
    const before = await termCount();
    const response = await post('/admin/term-dates/new', termForm('Christmas club', '2026-12-01', '2026-12-31'));
    expect(response.status).toBe(400);
    expect(response.text).toContain('This term overlaps Autumn 2 2026 (2 November 2026 to 18 December 2026)');
    expect(response.text).toContain('href="#startsOn-day"');
    expect(response.text).toContain('value="Christmas club"');
    expect(await termCount()).toBe(before);
  });

  it('rejects a second term with the same name', async () => {
    const result = await t.services.calendar.addTerm(
      { userId: null, ip: null },
      { name: 'autumn 2 2026', startsOn: '2030-01-07', endsOn: '2030-02-15' },
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { name: { text: 'There is already a term called Autumn 2 2026' } },
    });
  });

  it.each([
    [termForm('', '', ''), ['Enter the name of the term', 'Enter the start date', 'Enter the end date']],
    [termForm('Spring 1 2029', '2029-02-30', '2029-02-11'), ['Start date must be a real date']],
    [termForm('Spring 1 2029', '2029-01-04', '2029-13-11'), ['End date must be a real date']],
    [termForm('Spring 1 2029', '2029-01-04', '2028-12-20'), ['End date must be the same as or after the start date']],
    [
      { ...termForm('Spring 1 2029', '2029-01-04', '2029-02-11'), 'startsOn-month': '' },
      ['Start date must include a month'],
    ],
  ])('rejects invalid dates and names: %o', async (form, messages) => {
    const before = await termCount();
    const response = await post('/admin/term-dates/new', form);
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    for (const message of messages) expect(response.text).toContain(message);
    expect(await termCount()).toBe(before);
  });

  it('changes a term, keeping its own dates from counting as an overlap, and audits from and to', async () => {
    const term = (await t.services.calendar.terms()).find((candidate) => candidate.name === 'Spring 1 2027')!;
    const form = await admin.get(`/admin/term-dates/${term.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Spring 1 2027"');
    expect(form.text).toMatch(/name="startsOn-day"[^>]*value="4"|value="4"[^>]*name="startsOn-day"/);

    const response = await post(
      `/admin/term-dates/${term.id}/edit`,
      termForm('Spring 1 2027', '2027-01-05', '2027-02-12'),
    );
    expect(response.status).toBe(302);
    expect(await t.services.calendar.term(term.id)).toEqual({ ...term, startsOn: '2027-01-05' });
    const audit = (await termAudits()).at(-1)!;
    expect(audit).toMatchObject({ action: 'update', record_id: String(term.id) });
    expect(audit.details).toEqual({
      from: { name: 'Spring 1 2027', startsOn: '2027-01-04', endsOn: '2027-02-12' },
      to: { name: 'Spring 1 2027', startsOn: '2027-01-05', endsOn: '2027-02-12' },
    });
  });

  it('asks before deleting a term, then deletes and audits it', async () => {
    const term = (await t.services.calendar.terms()).find((candidate) => candidate.name === 'Summer 2 2027')!;
    const confirm = await admin.get(`/admin/term-dates/${term.id}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Are you sure you want to delete Summer 2 2027?');
    expect(await t.services.calendar.term(term.id)).toBeDefined();

    const response = await post(`/admin/term-dates/${term.id}/delete`);
    expect(response.status).toBe(302);
    expect(await t.services.calendar.term(term.id)).toBeUndefined();
    expect(isTermTime('2027-06-08', await t.services.calendar.calendar())).toBe(false);
    const audit = (await termAudits()).at(-1)!;
    expect(audit).toMatchObject({ action: 'delete', record_id: String(term.id) });
    expect(audit.details).toEqual({ name: 'Summer 2 2027', startsOn: '2027-06-07', endsOn: '2027-07-21' });
  });

  it('shows page not found for a term that does not exist', async () => {
    for (const id of ['999999', 'abc', '-1']) {
      expect((await admin.get(`/admin/term-dates/${id}/edit`)).status).toBe(404);
      expect((await admin.get(`/admin/term-dates/${id}/delete`)).status).toBe(404);
      expect((await post(`/admin/term-dates/${id}/edit`, termForm('X', '2031-01-06', '2031-01-10'))).status).toBe(404);
      expect((await post(`/admin/term-dates/${id}/delete`)).status).toBe(404);
    }
  });

  it('is for administrators only', async () => {
    const before = await termCount();
    const term = (await t.services.calendar.terms())[0];
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const agent = await t.signIn(role);
      for (const path of [
        '/admin/term-dates',
        '/admin/term-dates/new',
        `/admin/term-dates/${term.id}/edit`,
        `/admin/term-dates/${term.id}/delete`,
      ]) {
        expect((await agent.get(path)).status, `${role} GET ${path}`).toBe(403);
      }
      const csrf = await csrfToken(agent);
      const form = { ...termForm('Autumn 1 2030', '2030-09-02', '2030-10-18'), _csrf: csrf };
      expect((await agent.post('/admin/term-dates/new').type('form').send(form)).status, role).toBe(403);
      expect((await agent.post(`/admin/term-dates/${term.id}/edit`).type('form').send(form)).status, role).toBe(403);
      expect(
        (await agent.post(`/admin/term-dates/${term.id}/delete`).type('form').send({ _csrf: csrf })).status,
        role,
      ).toBe(403);
    }
    expect(await termCount()).toBe(before);
  });
});
