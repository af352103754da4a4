/**
 * Triage decisions (Southend Early Help Family Support service document (2016)): the level of
 * need and the outcome, told to the referrer with a reason; and the "more information" loop,
 * where triage asks the referrer a question and the referrer's answer puts the referral back in
 * the queue. No Express here.
 *
 * Each change locks the referral row and is saved in one transaction with its timeline event,
 * its message to the referrer (through the outbox) and its audit row, so a double submission
 * makes one change and a failure makes none.
 */
import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/notify/outbox.ts';
import { scopeOf, type CurrentUser, type Scope } from '../../platform/roles.ts';
import { validate } from '../../platform/validation.ts';
import { referralsRepository } from '../../referrals/repository.ts';
import { canMove, isOutcome, OUTCOMES } from '../../referrals/outcomes/rules.ts';
import { answerSchema, decisionSchema, questionSchema, typed } from './forms.ts';
import { decisionsRepository } from './repository.ts';
import { ALREADY_DECIDED, cannotDecide, childNames, namesChild, problem, type ChangeResult } from './rules.ts';

const TRIAGE: Scope = { kind: 'all' };

export function decisionsService(db: Db, clock: Clock) {
  const repository = referralsRepository();
  const decisions = decisionsRepository();
  const referrerOf = decisions.referrerOf;

  /** True when the referral's latest event is exactly this one: the same button pressed twice. */
  async function isRepeat(
    trx: Transaction<Database>,
    id: number,
    kinds: readonly string[],
    text: string,
  ): Promise<boolean> {
    const last = await decisions.lastEvent(trx, id);
    return Boolean(last && kinds.includes(last.kind) && last.message === text);
  }

  /** The sent referral triage works on, locked; drafts are not triage's to see. */
  async function lockSent(trx: Transaction<Database>, scope: Scope, id: number) {
    const referral = await repository.lock(trx, scope, id);
    return referral && referral.status !== 'draft' ? referral : undefined;
  }

  return {
    /**
     * Records the level of need and the outcome (Southend Early Help Family Support service
     * document (2016)), once. A safeguarding concern is
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
        const now = clock.now();
        await decisions.recordOutcome(trx, id, { outcome, level, reason, now });
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
        await decisions.setStatus(trx, id, 'more-information', clock.now());
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
        await decisions.setStatus(trx, id, 'submitted', clock.now());
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
