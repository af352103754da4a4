import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { ROLES } from '../roles.ts';
import { SETTINGS, SETTING_KEYS, settingDefinition, type SettingKey } from './settings.ts';

let t: TestApp;
let admin: Agent;
let adminId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
  const row = await t.connection.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoEmail('admin'))
    .executeTakeFirstOrThrow();
  adminId = row.id;
});
afterAll(() => t.close());

// Each test starts from the defaults.
beforeEach(async () => {
  await t.connection.db.deleteFrom('settings').execute();
});

async function change(key: string, value: string) {
  return admin
    .post(`/admin/settings/${key}`)
    .type('form')
    .send({ value, _csrf: await csrfToken(admin) });
}

async function settingAudits() {
  return t.connection.db.selectFrom('audit_events').selectAll().where('record_type', '=', 'setting').execute();
}

describe('the settings registry', () => {
  it('gives every setting a default that its own rules accept', () => {
    for (const key of SETTING_KEYS) {
      const definition = settingDefinition(key);
      expect(definition.schema.safeParse(definition.default).success, key).toBe(true);
    }
  });

  it('starts from the values in the source documents', () => {
    expect(SETTINGS['ssfp-minimum-age'].default).toBe(5); // Havering SEMH Team proposal
    expect(SETTINGS['ssfp-maximum-age'].default).toBe(11); // Havering SEMH Team proposal (the Havering schools forum report 2024-25 says 10)
    expect(SETTINGS['core-offer-cases'].default).toBe(1); // Havering SEMH Team proposal (the Havering schools forum report 2024-25 says 2)
    expect(SETTINGS['triage-frequency'].default).toBe('weekly'); // Havering schools forum report 2024-25 (the Havering SEMH Team proposal says fortnightly)
    expect(SETTINGS['triage-day'].default).toBe('friday'); // Havering SEMH Team proposal and Havering schools forum report 2024-25
    expect(SETTINGS['acknowledge-within-hours'].default).toBe(24); // Southend Early Help Family Support service document (2016)
    expect(SETTINGS['outcome-within-hours'].default).toBe(48); // Southend Early Help Family Support service document (2016)
    expect(SETTINGS['initial-contact-working-days'].default).toBe(5); // Havering SEMH Team proposal
    expect(SETTINGS['typical-case-length-months'].default).toBe(4); // Havering SEMH Team proposal
    expect(SETTINGS['post-closure-review-months'].default).toBe(3); // RBKC Early Help Family Support
    expect(SETTINGS['reduced-timetable-flag-weeks'].default).toBe(6); // Portsmouth school attendance strategy
    expect(SETTINGS['persistent-absence-percent'].default).toBe(10);
    expect(SETTINGS['severe-absence-percent'].default).toBe(50);
  });
});

describe('reading settings', () => {
  it('reads the registry default when no administrator has changed a setting', async () => {
    for (const key of SETTING_KEYS) expect(await t.services.settings.get(key)).toEqual(SETTINGS[key].default);
    const all = await t.services.settings.all();
    expect(all.every((setting) => setting.isDefault)).toBe(true);
    expect(all.map((setting) => setting.key)).toEqual(SETTING_KEYS);
  });

  it('falls back to the default when a stored value no longer fits the setting', async () => {
    await t.connection.db
      .insertInto('settings')
      .values({ key: 'core-offer-cases', value: JSON.stringify(7), updated_by: null })
      .execute();
    expect(await t.services.settings.get('core-offer-cases')).toBe(1);
  });
});

describe('changing a setting', () => {
  it('uses an administrator’s change from then on, audits who changed it from what to what, and says so', async () => {
    const response = await change('ssfp-maximum-age', '10');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin/settings');
    expect(await t.services.settings.get('ssfp-maximum-age')).toBe(10);
    expect((await t.services.settings.values())['ssfp-maximum-age']).toBe(10);

    const audits = await settingAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'update', record_id: 'ssfp-maximum-age', user_id: adminId });
    expect(audits[0].details).toEqual({ key: 'ssfp-maximum-age', from: 11, to: 10 });

    const page = await admin.get('/admin/settings');
    expect(page.text).toContain('Setting updated');
    const all = await t.services.settings.all();
    const changed = all.find((setting) => setting.key === 'ssfp-maximum-age')!;
    expect(changed).toMatchObject({
      value: 10,
      display: '10 years',
      isDefault: false,
      updatedByName: expect.any(String),
    });
    expect(changed.updatedAt).toBeInstanceOf(Date);
  });

  it('saves a choice chosen with radios', async () => {
    const response = await change('triage-frequency', 'fortnightly');
    expect(response.status).toBe(302);
    // `get` is typed by the registry: this assignment would not compile for a wrong type.
    const frequency: 'weekly' | 'fortnightly' = await t.services.settings.get('triage-frequency');
    expect(frequency).toBe('fortnightly');
  });

  it('lets code change a setting with a number as well as with form text', async () => {
    const result = await t.services.settings.update({ userId: adminId, ip: null }, 'core-offer-cases', 2);
    expect(result.ok).toBe(true);
    expect(await t.services.settings.get('core-offer-cases')).toBe(2);
  });

  it.each([
    ['ssfp-minimum-age', '0', 'Minimum age must be between 4 and 18'],
    ['ssfp-minimum-age', '', 'Enter the minimum age'],
    ['ssfp-minimum-age', 'five', 'Minimum age must be a whole number'],
    ['ssfp-minimum-age', '5.5', 'Minimum age must be a whole number'],
    ['ssfp-minimum-age', '12', 'Minimum age must be the same as or less than the maximum age (11 years)'],
    ['ssfp-maximum-age', '4', 'Maximum age must be the same as or more than the minimum age (5 years)'],
    ['core-offer-cases', '3', 'Core offer must be 1 or 2'],
    [
      'outcome-within-hours',
      '12',
      'Time to tell the outcome must be the same as or more than the time to acknowledge a referral (24 hours)',
    ],
    [
      'severe-absence-percent',
      '10',
      'Severe absence threshold must be more than the persistent absence threshold (10%)',
    ],
    ['triage-frequency', 'daily', 'Select how often the triage panel meets'],
    ['triage-frequency', '', 'Select how often the triage panel meets'],
  ])('rejects %s = "%s" with the message "%s" and saves nothing', async (key, value, message) => {
    const auditsBefore = (await settingAudits()).length;
    const response = await change(key, value);
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('href="#value"');
    expect(response.text).toContain(message);
    // What was typed is kept (radios offer only their own options).
    if (value && settingDefinition(key as SettingKey).input === 'number')
      expect(response.text).toContain(`value="${value}"`);
    expect(await t.connection.db.selectFrom('settings').selectAll().execute()).toEqual([]);
    expect(await settingAudits()).toHaveLength(auditsBefore);
  });
});

describe('the settings pages', () => {
  it('lists every setting by group, marking the ones still at their default', async () => {
    await change('post-closure-review-months', '6');
    const page = await admin.get('/admin/settings');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Service settings</h1>');
    for (const heading of ['Referrals and eligibility', 'Triage', 'Allocation', 'Casework', 'Attendance']) {
      expect(page.text).toContain(`<h2 class="govuk-heading-m">${heading}</h2>`);
    }
    for (const key of SETTING_KEYS) expect(page.text).toContain(`href="/admin/settings/${key}"`);
    expect(page.text.match(/>\s*Default\s*</g)).toHaveLength(SETTING_KEYS.length - 1);
    expect(page.text).toContain('6 months');
  });

  it('asks for a number with its unit after the box', async () => {
    const page = await admin.get('/admin/settings/initial-contact-working-days');
    expect(page.status).toBe(200);
    expect(page.text).toContain('inputmode="numeric"');
    expect(page.text).toContain('govuk-input__suffix');
    expect(page.text).toContain('working days');
    expect(page.text).toContain('value="5"');
    expect(page.text).toContain('Havering SEMH Team proposal');
  });

  it('asks for a choice with radios, the current one selected', async () => {
    const page = await admin.get('/admin/settings/triage-frequency');
    expect(page.text).toContain('govuk-radios');
    expect(page.text).toMatch(/value="weekly" checked/);
    expect(page.text).toContain('Every 2 weeks (fortnightly)');
  });

  it('shows page not found for a setting that does not exist', async () => {
    expect((await admin.get('/admin/settings/no-such-setting')).status).toBe(404);
    expect((await change('no-such-setting', '1')).status).toBe(404);
    expect((await admin.get('/admin/settings/toString')).status).toBe(404);
  });

  it('is for administrators only', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const agent = await t.signIn(role);
      expect((await agent.get('/admin/settings')).status, role).toBe(403);
      expect((await agent.get('/admin/settings/core-offer-cases')).status, role).toBe(403);
      const post = await agent
        .post('/admin/settings/core-offer-cases')
        .type('form')
        .send({ value: '2', _csrf: await csrfToken(agent) });
      expect(post.status, role).toBe(403);
    }
    expect(await t.services.settings.get('core-offer-cases')).toBe(1);
  });
});
