import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createTestApp, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { addAccount } from '../../../test/support/accounts.ts';
import { settleInstanceKind } from './instance.ts';

const WORDS = {
  authorityName: 'Anytown Borough Council',
  laCode: '311',
  serviceName: 'Anytown inclusion service',
  frontDoorPhone: '01632 960 001',
  frontDoorEmail: 'front.door@anytown.example',
  outOfHoursPhone: '01632 960 999',
  mashContact: '01632 960 123',
  dpoContact: 'dpo@anytown.example',
  privacyController: 'Anytown Borough Council runs the service through its inclusion team.',
  privacySharing: 'We share information with the Anytown Safeguarding Partnership.',
  privacyRetention: 'We keep early help records until the child is 25.',
  feedbackEmail: 'feedback@anytown.example',
  footerOwner: 'Anytown Borough Council',
};

describe('the demo borough', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('says "Demo — all people are fictional" in the phase banner of every page', async () => {
    const school = await t.signIn('school_user');
    for (const path of ['/', '/referrals/new', '/privacy', '/accessibility', '/about-the-data'])
      expect((await school.get(path)).text).toContain('Demo — all people are fictional');
    expect((await school.get('/no-such-page')).text).toContain('Demo — all people are fictional');
  });
});

describe('a council’s live instance', () => {
  let t: TestApp;
  let admin: Agent;
  let senco: Agent;
  beforeAll(async () => {
    t = await createTestApp({}, { empty: true });
    const { db } = t.connection;
    await settleInstanceKind(db, 'live');
    await addAccount(db, { email: 'admin@anytown.example', roles: ['admin'] });
    await db
      .insertInto('schools')
      .values({
        urn: 900001,
        laestab: '3112001',
        la_code: 311,
        name: 'Anytown Primary School',
        phase: 'Primary',
        school_type: 'Community school',
        governance: 'LA maintained',
        maintained: true,
        number_on_roll: 200,
        census_year: '2025/26',
      })
      .execute();
    await addAccount(db, { email: 'senco@anytown.example', roles: ['school_user'], schoolUrns: [900001] });
    admin = await t.signIn('admin@anytown.example');
    senco = await t.signIn('senco@anytown.example');
  });
  afterAll(() => t.close());

  it('shows no demo words on its pages', async () => {
    for (const path of ['/sign-in', '/privacy', '/accessibility', '/about-the-data', '/cookies']) {
      const page = (await senco.get(path)).text;
      expect(page).not.toMatch(/Havering|01708|Broadford|demo/i);
    }
  });

  it('keeps referrals closed until the council’s details, schools and term dates are in, and tells the administrator what is missing', async () => {
    const closed = await senco.get('/referrals/new');
    expect(closed.status).toBe(503);
    expect(closed.text).toContain('You cannot ask for help through this service yet');
    const home = (await admin.get('/')).text;
    expect(home).toContain('Before referrals can open');
    expect(home).toMatch(/Council details[\s\S]*Still to add: name of the council[\s\S]*Incomplete/);
    expect(
      (
        await senco
          .post('/referrals/new')
          .type('form')
          .send({ _csrf: await csrfToken(senco) })
      ).status,
    ).toBe(503);
  });

  it('refuses council details in the wrong format, naming each field, and saves nothing', async () => {
    const response = await admin
      .post('/admin/council/edit')
      .type('form')
      .send({
        ...WORDS,
        frontDoorEmail: 'front door',
        mashContact: 'ring us',
        laCode: '999',
        _csrf: await csrfToken(admin, '/admin/council/edit'),
      });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('href="#frontDoorEmail">Enter the front door email address in the correct format');
    expect(response.text).toContain('href="#mashContact">Enter the MASH phone number using numbers');
    expect(response.text).toContain('href="#laCode">Select the local authority area from the list');
    expect(response.text).toContain('value="Anytown Borough Council"');
    expect(await t.connection.db.selectFrom('council').selectAll().executeTakeFirst()).toBeUndefined();
  });

  it('shows the council’s own words on every page once saved, and audits which fields changed', async () => {
    const saved = await admin
      .post('/admin/council/edit')
      .type('form')
      .send({ ...WORDS, _csrf: await csrfToken(admin, '/admin/council/edit') });
    expect(saved.status).toBe(302);
    const privacy = (await senco.get('/privacy')).text;
    expect(privacy).toContain('Anytown Borough Council is the data controller');
    expect(privacy).toContain('dpo@anytown.example');
    expect(privacy).toContain('We keep early help records until the child is 25.');
    expect(privacy).toContain('© Anytown Borough Council');
    expect(privacy).toContain('feedback@anytown.example');
    const summary = (await admin.get('/admin/council')).text;
    expect(summary).toContain('Havering (311)');
    const event = await t.connection.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('record_type', '=', 'council')
      .executeTakeFirstOrThrow();
    expect(event.action).toBe('update');
    expect(JSON.stringify(event.details)).toContain('mashContact');
    expect(JSON.stringify(event.details)).not.toContain('01632');
  });

  it('opens referrals once term dates are in too, with the council’s MASH number on the form', async () => {
    expect((await senco.get('/referrals/new')).status).toBe(503);
    const today = t.clock.now().toISOString().slice(0, 10);
    await t.connection.db
      .insertInto('term_periods')
      .values({ name: 'This term', starts_on: today, ends_on: today })
      .execute();
    const open = await senco.get('/referrals/new');
    expect(open.status).toBe(200);
    expect(open.text).toContain('Call the Multi-Agency Safeguarding Hub (MASH) now on 01632 960 123.');
    expect(open.text).toContain('emergency duty team on 01632 960 999');
  });
});

/** Files that hold the demo borough, and tests: the only places its words belong. */
const DEMO_CODE = [
  /^src\/demo\//,
  /(^|\/)demo\.ts$/,
  /-demo\.ts$/,
  /\.test\.ts$/,
  /test-support\.ts$/,
  /\/seed\.ts$/,
  /-demo\.njk$/,
  /local-authorities\.csv$/,
];

/**
 * The source documents the service's rules cite by title. They name the borough that wrote them,
 * and are citations, not the council's own words.
 */
const SOURCE_TITLES = /Havering SEMH Team proposal|Havering schools forum report 2024-25/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the council’s own words', () => {
  it('leaves no words of the demo borough in views or in code outside the demo', () => {
    const root = join(import.meta.dirname, '../../..');
    const found = [...filesUnder(join(root, 'views')), ...filesUnder(join(root, 'src'))]
      .map((file) => relative(root, file))
      .filter((file) => !DEMO_CODE.some((pattern) => pattern.test(file)))
      .filter((file) =>
        /Havering|01708|Broadford/.test(
          // A title may run on to the comment's next line.
          readFileSync(join(root, file), 'utf8')
            .replace(/\n\s*(\/\/|\*)?\s*/g, ' ')
            .replace(SOURCE_TITLES, ''),
        ),
      );
    expect(found).toEqual([]);
  });
});
