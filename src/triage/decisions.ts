/**
 * Triage decisions (seed 003): the level of need and the outcome, told to the referrer with a
 * reason; and the "more information" loop, where triage asks the referrer a question and the
 * referrer's answer puts the referral back in the queue. No Express here.
 *
 * Each change locks the referral row and is saved in one transaction with its timeline event,
 * its message to the referrer (through the outbox) and its audit row, so a double submission
 * makes one change and a failure makes none.
 */
import { z } from 'zod';
import type { Selectable, Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import type { ReferralsTable } from '../referrals/schema.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import { enqueue } from '../platform/notify/outbox.ts';
import { scopeOf, type CurrentUser, type Scope } from '../platform/roles.ts';
import { validate, type ErrorItem, type FieldErrors } from '../platform/validation.ts';
import type { DraftAnswers } from '../referrals/pages.ts';
import { referralsRepository } from '../referrals/repository.ts';
import { canMove, isOutcome, OUTCOMES, type OutcomeCode } from '../referrals/rules.ts';

const MAX_LENGTH = 2000;
const TRIAGE: Scope = { kind: 'all' };

/** Text the referrer reads: required, and short enough for an email (the outbox's limit). */
const message = (empty: string, name: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(MAX_LENGTH, `${name} must be 2,000 characters or fewer`);

export const decisionSchema = z.object({
  level: z.enum(['1', '2', '3', '4'], { error: 'Select the level of need' }).transform(Number),
  outcome: z.enum(OUTCOMES.map((outcome) => outcome.code) as [OutcomeCode, ...OutcomeCode[]], {
    error: 'Select the outcome',
  }),
  // Every outcome is sent with a message; signposting and declining must say why (outcomeNeedsReason).
  reason: message('Enter the reason the referrer will see', 'The reason'),
});

export const questionSchema = z.object({ question: message('Enter the question for the referrer', 'The question') });

export const answerSchema = z.object({ answer: message('Enter your answer', 'Your answer') });

export const ALREADY_DECIDED = 'This referral already has an outcome';

export type ReferralRow = Selectable<ReferralsTable>;

/**
 * What a change came to: done (or already done by an identical earlier press), not found, or
 * a problem to show on the form (400 for what was typed, 409 when the referral has moved on).
 */
export type ChangeResult =
  | { kind: 'done' }
  | { kind: 'not-found' }
  | {
      kind: 'problem';
      status: 400 | 409;
      referral: ReferralRow;
      values: Record<string, unknown>;
      errors: ErrorItem[];
      fieldErrors: FieldErrors;
    };

type Problem = Extract<ChangeResult, { kind: 'problem' }>;

function problem(
  referral: ReferralRow,
  values: Record<string, unknown>,
  field: string,
  text: string,
  status: 400 | 409 = 400,
): Problem {
  return {
    kind: 'problem',
    status,
    referral,
    values,
    errors: [{ text, href: `#${field}` }],
    fieldErrors: { [field]: { text } },
  };
}

/** The form fields as typed, without the CSRF token. */
function typed(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf'));
}

/** The child's first and last names as the referrer gave them. */
function childNames(referral: ReferralRow): string[] {
  const child = (referral.answers as unknown as DraftAnswers).pages?.child ?? {};
  return [child.firstName, child.lastName].map((name) => String(name ?? '').trim()).filter((name) => name.length > 1);
}

/**
 * Whether text for the referrer's email names the child. Messages hold no personal data beyond
 * what a template needs (templates.ts): the referrer sees the child's name when they sign in.
 */
export function namesChild(text: string, names: readonly string[]): boolean {
  const words = (value: string) =>
    value
      .toLocaleLowerCase('en-GB')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const said = words(text);
  return names.some((name) => {
    const parts = words(name);
    return parts.length > 0 && said.some((_, i) => parts.every((part, j) => said[i + j] === part));
  });
}

/** Why this outcome cannot be recorded from the referral's status, or undefined when it can. */
export function cannotDecide(status: string, outcome: OutcomeCode): string | undefined {
  if (canMove(status, outcome)) return undefined;
  if (isOutcome(status)) return ALREADY_DECIDED;
  if (status === 'more-information') {
    return 'While the referrer is finding more information, you can only pass the referral to safeguarding or not accept it';
  }
  return 'This referral has not been sent yet';
}

export function decisionsService(db: Db) {
  const repository = referralsRepository();

  /** The referrer's email: the user who created the referral. */
  async function referrerOf(trx: Transaction<Database>, referral: ReferralRow): Promise<string> {
    const user = await trx
      .selectFrom('users')
      .select('email')
      .where('id', '=', referral.created_by)
      .executeTakeFirstOrThrow();
    return user.email;
  }

  /** True when the referral's latest event is exactly this one: the same button pressed twice. */
  async function isRepeat(
    trx: Transaction<Database>,
    id: number,
    kinds: readonly string[],
    text: string,
  ): Promise<boolean> {
    const last = await trx
      .selectFrom('referral_events')
      .select(['kind', 'message'])
      .where('referral_id', '=', id)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return Boolean(last && kinds.includes(last.kind) && last.message === text);
  }

  /** The sent referral triage works on, locked; drafts are not triage's to see. */
  async function lockSent(trx: Transaction<Database>, scope: Scope, id: number) {
    const referral = await repository.lock(trx, scope, id);
    return referral && referral.status !== 'draft' ? referral : undefined;
  }

  return {
    /**
     * Records the level of need and the outcome (seed 003), once. A safeguarding concern is
     * passed to the MASH now, with the time recorded: it never waits for the panel.
     */
    decide(actor: Actor, id: number, body: Record<string, unknown>): Promise<ChangeResult> {
      const values = typed(body);
      const result = validate(decisionSchema, values);
      return db.transaction().execute(async (trx): Promise<ChangeResult> => {
        const referral = await lockSent(trx, TRIAGE, id);
        if (!referral) return { kind: 'not-found' };
        if (!result.ok) {
          if (isOutcome(referral.status)) return problem(referral, values, 'decision', ALREADY_DECIDED, 409);
          return {
            kind: 'problem',
            status: 400,
            referral,
            values,
            errors: result.errors,
            fieldErrors: result.fieldErrors,
          };
        }
        const { level, outcome, reason } = result.data;
        const definition = OUTCOMES.find((o) => o.code === outcome)!;
        const kind = outcome === 'safeguarding' ? 'safeguarding' : 'outcome';
        const eventMessage = `${definition.referrerMessage} ${reason}`;
        if (
          referral.status === outcome &&
          referral.level_of_need === level &&
          (await isRepeat(trx, id, [kind], eventMessage))
        )
          return { kind: 'done' };
        const refusal = cannotDecide(referral.status, outcome);
        if (refusal === ALREADY_DECIDED) return problem(referral, values, 'decision', refusal, 409);
        if (refusal) return problem(referral, values, 'outcome', refusal);
        if (namesChild(reason, childNames(referral))) {
          return problem(
            referral,
            values,
            'reason',
            'Remove the child’s name from the reason: it is sent to the referrer by email',
          );
        }
        const now = new Date();
        await trx
          .updateTable('referrals')
          .set({
            status: outcome,
            outcome,
            level_of_need: level,
            outcome_reason: reason,
            outcome_at: now,
            updated_at: now,
            ...(outcome === 'safeguarding' ? { safeguarding_passed_at: now } : {}),
          })
          .where('id', '=', id)
          .execute();
        await repository.addEvent(trx, { referralId: id, userId: actor.userId, kind, message: eventMessage });
        await enqueue(trx, {
          template: 'outcome',
          recipient: await referrerOf(trx, referral),
          referralId: id,
          personalisation: { reference: referral.reference!, outcome: definition.label, reason },
        });
        await audit(trx, actor, {
          action: 'decision',
          recordType: 'referral',
          recordId: id,
          details: { outcome, level },
        });
        return { kind: 'done' };
      });
    },

    /** Asks the referrer a question; the referral waits for their answer. Only from 'submitted'. */
    askForMoreInformation(actor: Actor, id: number, body: Record<string, unknown>): Promise<ChangeResult> {
      const values = typed(body);
      const result = validate(questionSchema, values);
      return db.transaction().execute(async (trx): Promise<ChangeResult> => {
        const referral = await lockSent(trx, TRIAGE, id);
        if (!referral) return { kind: 'not-found' };
        const question = result.ok ? result.data.question : '';
        if (
          referral.status === 'more-information' &&
          question &&
          (await isRepeat(trx, id, ['more-information'], question))
        )
          return { kind: 'done' };
        if (!canMove(referral.status, 'more-information')) {
          const text = isOutcome(referral.status)
            ? ALREADY_DECIDED
            : 'The referrer has already been asked for more information';
          return problem(referral, values, 'decision', text, 409);
        }
        if (!result.ok)
          return {
            kind: 'problem',
            status: 400,
            referral,
            values,
            errors: result.errors,
            fieldErrors: result.fieldErrors,
          };
        if (namesChild(question, childNames(referral))) {
          return problem(
            referral,
            values,
            'question',
            'Remove the child’s name from the question: it is sent to the referrer by email',
          );
        }
        await trx
          .updateTable('referrals')
          .set({ status: 'more-information', updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        await repository.addEvent(trx, {
          referralId: id,
          userId: actor.userId,
          kind: 'more-information',
          message: question,
        });
        await enqueue(trx, {
          template: 'more-information',
          recipient: await referrerOf(trx, referral),
          referralId: id,
          personalisation: { reference: referral.reference!, question },
        });
        await audit(trx, actor, { action: 'ask for more information', recordType: 'referral', recordId: id });
        return { kind: 'done' };
      });
    },

    /** The questions waiting for the referrer's answer, for a referral at one of the user's schools. */
    openQuestions(actor: Actor, user: CurrentUser, id: number) {
      return db.transaction().execute(async (trx) => {
        const referral = await repository.find(trx, scopeOf(user), id);
        if (!referral || referral.status !== 'more-information') return undefined;
        const events = await repository.events(trx, id, true);
        const questions: typeof events = [];
        for (const event of events) {
          if (event.kind === 'information-provided') questions.length = 0;
          if (event.kind === 'more-information') questions.push(event);
        }
        await audit(trx, actor, {
          action: 'view',
          recordType: 'referral',
          recordId: id,
          details: { page: 'more-information' },
        });
        return { referral, questions };
      });
    },

    /** The referrer's answer: on the timeline for triage, and the referral is back in the queue. */
    answer(actor: Actor, user: CurrentUser, id: number, body: Record<string, unknown>): Promise<ChangeResult> {
      const values = typed(body);
      const result = validate(answerSchema, values);
      return db.transaction().execute(async (trx): Promise<ChangeResult> => {
        const referral = await repository.lock(trx, scopeOf(user), id);
        if (!referral) return { kind: 'not-found' };
        const answer = result.ok ? result.data.answer : '';
        if (referral.status === 'submitted' && answer && (await isRepeat(trx, id, ['information-provided'], answer)))
          return { kind: 'done' };
        if (referral.status !== 'more-information') return { kind: 'not-found' };
        if (!result.ok)
          return {
            kind: 'problem',
            status: 400,
            referral,
            values,
            errors: result.errors,
            fieldErrors: result.fieldErrors,
          };
        await trx
          .updateTable('referrals')
          .set({ status: 'submitted', updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        await repository.addEvent(trx, {
          referralId: id,
          userId: user.id,
          kind: 'information-provided',
          message: answer,
        });
        await audit(trx, actor, { action: 'answer', recordType: 'referral', recordId: id });
        return { kind: 'done' };
      });
    },
  };
}

export type DecisionsService = ReturnType<typeof decisionsService>;
