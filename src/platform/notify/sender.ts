import type { Clock } from '../clock.ts';
import { clearTimeout, setTimeout } from 'node:timers';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import type { Logger } from '../logger.ts';
import { createNotifyClient, type NotifyClient } from './notify-client.ts';
import { isTemplateName, TEMPLATES, type TemplateName } from './templates.ts';

/** After this many failed sends a message is marked failed and not tried again. */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** Wait before the next try after `attempts` failures: 1 minute, 2, 4, … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

export interface SenderOptions {
  db: Db;
  client: NotifyClient;
  logger: Logger;
  /** GOV.UK Notify template IDs by template name (from NOTIFY_TEMPLATE_* variables). */
  templateIds?: Partial<Record<TemplateName, string>>;
  intervalMs?: number;
  /** Most messages sent in one run. */
  batchSize?: number;
  /** A send that takes longer than this counts as failed (and is tried again). */
  timeoutMs?: number;
  /** How long a claimed message is kept from other senders while it is being sent. */
  leaseMs?: number;
  clock: Clock;
}

export interface NotificationSender {
  /** Sends the messages that are due; resolves to how many were sent. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`GOV.UK Notify did not answer within ${ms / 1000} seconds`), { retryable: true }),
        ),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function failureOf(error: unknown): { message: string; retryable: boolean } {
  const { message, retryable } = (error ?? {}) as { message?: unknown; retryable?: unknown };
  return { message: String(message ?? error).slice(0, 500), retryable: retryable !== false };
}

/**
 * The worker that drains the outbox through GOV.UK Notify. Each run claims due messages with
 * `FOR UPDATE SKIP LOCKED` and moves their next attempt past a lease, so two senders (or two
 * runs) never send the same message. Logs carry the notification id and template only.
 */
export function startNotificationSender(options: SenderOptions & { autoStart?: boolean }): NotificationSender {
  const {
    db,
    client,
    logger,
    templateIds = {},
    intervalMs = 30_000,
    batchSize = 50,
    timeoutMs = 10_000,
    leaseMs = 5 * 60_000,
  } = options;
  const clock = options.clock;

  async function claim() {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('notifications')
        .select(['id', 'template', 'recipient', 'personalisation', 'attempts'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length) {
        await trx
          .updateTable('notifications')
          .set({ next_attempt_at: new Date(now.getTime() + leaseMs) })
          .where(
            'id',
            'in',
            due.map((row) => row.id),
          )
          .execute();
      }
      return due;
    });
  }

  type Claimed = Awaited<ReturnType<typeof claim>>[number];

  async function send(message: Claimed): Promise<boolean> {
    const attempts = message.attempts + 1;
    const log = { notificationId: message.id, template: message.template, attempts };
    try {
      const templateId = isTemplateName(message.template) ? templateIds[message.template] : undefined;
      if (!templateId) {
        const envVar = isTemplateName(message.template) ? TEMPLATES[message.template].envVar : 'a template ID';
        throw Object.assign(new Error(`No GOV.UK Notify template ID for '${message.template}': set ${envVar}`), {
          retryable: false,
        });
      }
      const reference = `inclusion-hub-notification-${message.id}`;
      await withTimeout(
        client.sendEmail(templateId, message.recipient, { personalisation: message.personalisation, reference }),
        timeoutMs,
      );
    } catch (error) {
      const { message: lastError, retryable } = failureOf(error);
      const failed = !retryable || attempts >= MAX_ATTEMPTS;
      const now = clock.now();
      await db
        .updateTable('notifications')
        .set({
          status: failed ? 'failed' : 'pending',
          attempts,
          last_error: lastError,
          next_attempt_at: failed ? now : new Date(now.getTime() + retryDelayMs(attempts)),
        })
        .where('id', '=', message.id)
        .execute();
      logger.warn({ ...log, willRetry: !failed }, 'notification not sent');
      return false;
    }
    await db
      .updateTable('notifications')
      .set({ status: 'sent', attempts, sent_at: clock.now(), last_error: null })
      .where('id', '=', message.id)
      .execute();
    logger.info(log, 'notification sent');
    return true;
  }

  async function runOnce(): Promise<number> {
    let sent = 0;
    for (const message of await claim()) {
      if (await send(message)) sent++;
    }
    return sent;
  }

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .then(() => undefined)
        .catch((error: unknown) =>
          logger.error({ err: { message: failureOf(error).message } }, 'notification sender run failed'),
        )
        .finally(() => {
          running = undefined;
          schedule(intervalMs);
        });
    }, delay);
    timer.unref();
  }
  if (options.autoStart !== false) schedule(0);

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Starts the sender when NOTIFY_API_KEY is set; otherwise messages wait in the outbox. */
export function startSenderIfConfigured(
  db: Db,
  config: Config,
  logger: Logger,
  clock: Clock,
): NotificationSender | undefined {
  if (!config.notifyApiKey) {
    logger.info('GOV.UK Notify is not configured (no NOTIFY_API_KEY): messages are kept in the outbox and not sent');
    return undefined;
  }
  return startNotificationSender({
    db,
    client: createNotifyClient(config.notifyApiKey),
    logger,
    templateIds: config.notifyTemplateIds,
    clock,
  });
}
