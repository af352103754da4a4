import { clockReading, systemClock } from '../clock.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, type TestApp } from '../../../test/support/app.ts';
import { ROLES } from '../roles.ts';
import { createLogger } from '../logger.ts';
import { loadConfig } from '../../config.ts';
import { enqueue, OutboxError } from './outbox.ts';
import { MAX_ATTEMPTS, retryDelayMs, startNotificationSender, type SenderOptions } from './sender.ts';
import { notifyError, type NotifyClient } from './notify-client.ts';
import { placeholdersIn, TEMPLATES, TEMPLATE_NAMES } from './templates.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.connection.db.deleteFrom('notifications').execute();
});

const RECIPIENT = 'head.teacher@broadford.example.sch.uk';
const TEMPLATE_IDS = { acknowledgement: 'notify-ack', 'more-information': 'notify-more', outcome: 'notify-outcome' };
const acknowledgement = (reference = 'SSFP-0001') => ({
  template: 'acknowledgement' as const,
  recipient: RECIPIENT,
  personalisation: {
    reference,
    school_name: 'Broadford Primary School',
    date_received: '6 March 2026',
    outcome_due_by: '10 March 2026',
  },
});

interface Call {
  templateId: string;
  emailAddress: string;
  reference: string;
  personalisation: Record<string, string>;
}

/** A stand-in for GOV.UK Notify that records what it was asked to send. */
function fakeNotify(
  behaviour: (call: Call) => Promise<void> = async () => undefined,
): NotifyClient & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async sendEmail(templateId, emailAddress, options) {
      const call = { templateId, emailAddress, ...options };
      calls.push(call);
      await behaviour(call);
    },
  };
}

function sender(client: NotifyClient, options: Partial<SenderOptions> = {}) {
  return startNotificationSender({
    db: t.connection.db,
    client,
    logger: createLogger('silent'),
    templateIds: TEMPLATE_IDS,
    clock: systemClock,
    autoStart: false,
    ...options,
  });
}

const stored = (id: number) =>
  t.connection.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('message templates', () => {
  it.each(TEMPLATE_NAMES)('%s uses every field it declares and declares every field it uses', (name) => {
    const used = new Set([...placeholdersIn(TEMPLATES[name].subject), ...placeholdersIn(TEMPLATES[name].body)]);
    expect([...used].sort()).toEqual([...TEMPLATES[name].fields].sort());
  });

  it('never asks for the child: the referral reference identifies the request', () => {
    const fields = TEMPLATE_NAMES.flatMap((name) => TEMPLATES[name].fields);
    expect(fields.filter((field) => /name|birth|upn|address|child/i.test(field) && field !== 'school_name')).toEqual(
      [],
    );
  });
});

describe('putting a message in the outbox', () => {
  it('refuses personalisation the template does not declare, so no personal data is stored', async () => {
    const message = acknowledgement();
    const withChild = { ...message, personalisation: { ...message.personalisation, child_name: 'Ava Smith' } };
    const error = await enqueue(t.connection.db, withChild).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboxError);
    expect((error as Error).message).toContain('does not use child_name');
    expect((error as Error).message).not.toContain('Ava');
    const count = await t.connection.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses a message missing a field the template needs, or without an email address', async () => {
    const { reference, ...rest } = acknowledgement().personalisation;
    expect(reference).toBeTruthy();
    await expect(enqueue(t.connection.db, { ...acknowledgement(), personalisation: rest as never })).rejects.toThrow(
      /needs reference/,
    );
    await expect(enqueue(t.connection.db, { ...acknowledgement(), recipient: 'not an address' })).rejects.toThrow(
      /email address/,
    );
    await expect(enqueue(t.connection.db, { ...acknowledgement(), template: 'reminder' as never })).rejects.toThrow(
      /no message template/,
    );
  });

  it('keeps a message only if the change that caused it is saved (same transaction)', async () => {
    let rolledBack = 0;
    await expect(
      t.connection.db.transaction().execute(async (trx) => {
        rolledBack = await enqueue(trx, acknowledgement('SSFP-ROLLED-BACK'));
        throw new Error('the referral could not be saved');
      }),
    ).rejects.toThrow('could not be saved');
    const saved = await t.connection.db.transaction().execute((trx) => enqueue(trx, acknowledgement('SSFP-SAVED')));
    expect(
      await t.connection.db.selectFrom('notifications').select('id').where('id', '=', rolledBack).executeTakeFirst(),
    ).toBeUndefined();
    expect(await stored(saved)).toMatchObject({
      status: 'pending',
      attempts: 0,
      template: 'acknowledgement',
      recipient: RECIPIENT,
    });
  });
});

describe('sending through GOV.UK Notify', () => {
  it('sends each due message once, with its Notify template and personalisation, and marks it sent', async () => {
    const id = await enqueue(t.connection.db, acknowledgement());
    const later = await enqueue(t.connection.db, acknowledgement('SSFP-LATER'));
    await t.connection.db
      .updateTable('notifications')
      .set({ next_attempt_at: new Date(Date.now() + 60_000) })
      .where('id', '=', later)
      .execute();
    const notify = fakeNotify();
    const worker = sender(notify);
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(notify.calls).toEqual([
      {
        templateId: 'notify-ack',
        emailAddress: RECIPIENT,
        reference: `inclusion-hub-notification-${id}`,
        personalisation: acknowledgement().personalisation,
      },
    ]);
    expect(await stored(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      last_error: null,
      sent_at: expect.any(Date),
    });
    expect(await stored(later)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('waits longer after each failure: 1 minute, 2, 4 … at most an hour', async () => {
    expect([1, 2, 3, 4, 7, 8].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60]);
    const id = await enqueue(t.connection.db, acknowledgement());
    const before = Date.now();
    expect(await sender(fakeNotify(() => Promise.reject(new Error('GOV.UK Notify answered 503')))).runOnce()).toBe(0);
    const row = await stored(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'GOV.UK Notify answered 503' });
    expect(row.next_attempt_at.getTime() - before).toBeGreaterThanOrEqual(60_000);
    expect(row.next_attempt_at.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and shows the error on the outbox page`, async () => {
    const id = await enqueue(t.connection.db, acknowledgement('SSFP-FAILING'));
    let now = new Date();
    const worker = sender(
      fakeNotify(() => Promise.reject(new Error('GOV.UK Notify answered 500: Internal server error'))),
      { clock: clockReading(() => now) },
    );
    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 2; attempt++) {
      await worker.runOnce();
      now = new Date(now.getTime() + 2 * 60 * 60_000);
    }
    expect(await stored(id)).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      last_error: 'GOV.UK Notify answered 500: Internal server error',
    });
    const admin = await t.signIn('admin');
    const list = await admin.get('/admin/outbox?status=failed');
    expect(list.text).toContain('SSFP-FAILING');
    expect(list.text).toContain('Internal server error');
    const preview = await admin.get(`/admin/outbox/${id}`);
    expect(preview.text).toContain(`${MAX_ATTEMPTS} of ${MAX_ATTEMPTS}`);
    expect(preview.text).toContain('Send again');
  });

  it('fails at once when trying again cannot help: Notify refused it, or its template ID is not set', async () => {
    const refused = await enqueue(t.connection.db, acknowledgement());
    const refusal = {
      response: {
        status: 400,
        data: {
          errors: [{ error: 'BadRequestError', message: "Can't send to this recipient using a team-only API key" }],
        },
      },
    };
    await sender(fakeNotify(() => Promise.reject(notifyError(refusal)))).runOnce();
    expect(await stored(refused)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: expect.stringContaining('400: BadRequestError'),
    });
    const unset = await enqueue(t.connection.db, {
      template: 'outcome',
      recipient: RECIPIENT,
      personalisation: { reference: 'SSFP-2', outcome: 'Accepted', reason: 'Meets the criteria' },
    });
    await sender(fakeNotify(), { templateIds: { acknowledgement: 'notify-ack' } }).runOnce();
    expect(await stored(unset)).toMatchObject({
      status: 'failed',
      last_error: "No GOV.UK Notify template ID for 'outcome': set NOTIFY_TEMPLATE_OUTCOME",
    });
  });

  it('never sends a message twice when two runs (or two servers) work at the same time', async () => {
    const ids = await Promise.all(
      ['A', 'B', 'C', 'D'].map((suffix) => enqueue(t.connection.db, acknowledgement(`SSFP-${suffix}`))),
    );
    const notify = fakeNotify(() => new Promise((resolve) => setTimeout(resolve, 30)));
    const first = sender(notify);
    const second = sender(notify);
    const sent = await Promise.all([first.runOnce(), second.runOnce(), first.runOnce()]);
    expect(sent.reduce((a, b) => a + b)).toBe(4);
    expect(notify.calls.map((call) => call.personalisation.reference).sort()).toEqual([
      'SSFP-A',
      'SSFP-B',
      'SSFP-C',
      'SSFP-D',
    ]);
    for (const id of ids) expect((await stored(id)).status).toBe('sent');
  });

  it('logs the notification id and template, never the address or personalisation', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    await enqueue(t.connection.db, acknowledgement('SSFP-LOGGED'));
    await enqueue(t.connection.db, acknowledgement('SSFP-LOGGED-2'));
    let calls = 0;
    const notify = fakeNotify(async () => {
      if (calls++ === 0) throw new Error(`refused ${RECIPIENT}`);
    });
    await sender(notify, { logger }).runOnce();
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/"notificationId":\d+,"template":"acknowledgement"/);
    for (const secret of [RECIPIENT, 'SSFP-LOGGED', 'Broadford']) expect(lines.join('\n')).not.toContain(secret);
  });

  it("keeps only the status and Notify's explanation from an HTTP error, which carries the address and key", () => {
    const httpError = {
      config: { headers: { Authorization: 'Bearer secret' }, data: RECIPIENT },
      response: { status: 429, data: { errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit' }] } },
    };
    expect(notifyError(httpError)).toMatchObject({
      message: 'GOV.UK Notify answered 429: RateLimitError: Exceeded rate limit',
      retryable: true,
    });
    expect(notifyError({ code: 'ECONNRESET' })).toMatchObject({
      message: 'Could not reach GOV.UK Notify (ECONNRESET)',
      retryable: true,
    });
  });
});

describe('configuration', () => {
  it('reads the Notify key and template IDs, and refuses a malformed key without repeating it', () => {
    const key = 'inclusion_hub-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
    const config = loadConfig({ NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_OUTCOME: 'f33517ff-2a88-4f6e-b855-c550268ce08a' });
    expect(config.notifyApiKey).toBe(key);
    expect(config.notifyTemplateIds).toEqual({
      acknowledgement: undefined,
      'more-information': undefined,
      outcome: 'f33517ff-2a88-4f6e-b855-c550268ce08a',
    });
    expect(loadConfig({}).notifyApiKey).toBeUndefined();
    expect(() => loadConfig({ NOTIFY_API_KEY: 'oops-secret' })).toThrow(
      /^NOTIFY_API_KEY is not a GOV.UK Notify API key/,
    );
    expect(() => loadConfig({ NOTIFY_API_KEY: 'oops-secret' })).not.toThrow(/oops-secret/);
  });
});

describe('the outbox page', () => {
  it('lists messages newest first and previews each one as the referrer will read it', async () => {
    await enqueue(t.connection.db, acknowledgement('SSFP-OLDER'));
    const id = await enqueue(t.connection.db, {
      template: 'more-information',
      recipient: RECIPIENT,
      personalisation: { reference: 'SSFP-NEWER', question: 'Which interventions has the school tried?' },
    });
    const admin = await t.signIn('admin');
    const list = await admin.get('/admin/outbox');
    expect(list.status).toBe(200);
    expect(list.text).toContain('2 messages');
    expect(list.text.indexOf('SSFP-NEWER')).toBeLessThan(list.text.indexOf('SSFP-OLDER'));
    expect(list.text).toContain(RECIPIENT);
    const preview = await admin.get(`/admin/outbox/${id}`);
    expect(preview.text).toContain('Subject: We need more information about request for support SSFP-NEWER');
    expect(preview.text).toContain('Which interventions has the school tried?');
    expect((await admin.get('/admin/outbox/999999')).status).toBe(404);
    expect((await admin.get('/admin/outbox?status=sent')).text).toContain('No messages have this status');
  });

  it('shows 25 messages a page, and says when there are none', async () => {
    const admin = await t.signIn('admin');
    expect((await admin.get('/admin/outbox')).text).toContain('There are no messages yet');
    for (let n = 1; n <= 30; n++) await enqueue(t.connection.db, acknowledgement(`SSFP-P${n}`));
    const links = (html: string) => html.match(/href="\/admin\/outbox\/\d+"/g)?.length ?? 0;
    expect(links((await admin.get('/admin/outbox')).text)).toBe(25);
    expect(links((await admin.get('/admin/outbox?page=2')).text)).toBe(5);
  });

  it('is for administrators only', async () => {
    const id = await enqueue(t.connection.db, acknowledgement());
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const agent = await t.signIn(role);
      expect((await agent.get('/admin/outbox')).status, role).toBe(403);
      expect((await agent.get(`/admin/outbox/${id}`)).status, role).toBe(403);
    }
  });

  it('says messages are not being sent when NOTIFY_API_KEY is not set, and shows them as not sent', async () => {
    await enqueue(t.connection.db, acknowledgement());
    const page = await (await t.signIn('admin')).get('/admin/outbox');
    expect(page.text).toContain('GOV.UK Notify is not set up, so messages are not being sent');
    expect(page.text).toContain('Not sent');
  });

  it('lets an administrator send a failed message again, and audits it', async () => {
    const id = await enqueue(t.connection.db, acknowledgement());
    await t.connection.db
      .updateTable('notifications')
      .set({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'GOV.UK Notify answered 403' })
      .where('id', '=', id)
      .execute();
    const admin = await t.signIn('admin');
    const response = await admin
      .post(`/admin/outbox/${id}/send-again`)
      .type('form')
      .send({ _csrf: await csrfToken(admin) });
    expect(response.headers.location).toBe(`/admin/outbox/${id}`);
    expect(await stored(id)).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
    const audited = await t.connection.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_type', '=', 'notification')
      .where('record_id', '=', String(id))
      .execute();
    expect(audited.map((event) => event.action)).toEqual(['send again']);
    expect(
      (
        await admin
          .post(`/admin/outbox/${id}/send-again`)
          .type('form')
          .send({ _csrf: await csrfToken(admin) })
      ).status,
    ).toBe(404);
  });
});

describe('the outbox page with GOV.UK Notify set up', () => {
  let configured: TestApp;
  beforeAll(async () => {
    configured = await createTestApp({ notifyApiKey: 'test-key', notifyTemplateIds: TEMPLATE_IDS });
  });
  afterAll(() => configured.close());

  it('says messages are sent through GOV.UK Notify, and shows waiting ones as waiting', async () => {
    await enqueue(configured.connection.db, acknowledgement());
    const page = await (await configured.signIn('admin')).get('/admin/outbox');
    expect(page.text).toContain('GOV.UK Notify is set up');
    expect(page.text).toContain('Waiting');
    expect(page.text).not.toContain('not being sent');
  });
});
