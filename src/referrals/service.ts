import type { Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import type { Clock } from '../platform/clock.ts';
import { ForbiddenError } from '../platform/permissions.ts';
import { scopeOf, type CurrentUser, type Scope } from '../platform/roles.ts';
import { validate, type ErrorItem } from '../platform/validation.ts';
import { formatIsoDate, withDateInputs } from '../platform/date-input.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { readSettings } from '../platform/settings/service.ts';
import { enqueue } from '../platform/notify/outbox.ts';
import { formatLondonDateTime, londonDate } from '../platform/london-time.ts';
import { childAnswersFor } from '../attendance/service.ts';
import { childrenRepository } from '../children/repository.ts';
import { schoolName } from '../schools/service.ts';
import {
  emptyAnswers,
  pageValues,
  parseAnswers,
  pageFor,
  type ChildAnswers,
  type ConsentAnswers,
  type DraftAnswers,
  type FamilyAnswers,
} from './forms.ts';
import { referralsRepository, type Reader } from './repository.ts';
import { acknowledgementDueBy, canSubmit, clockRulesOf, outcomeDueBy, type ClockRules } from './rules.ts';
import { recordMatches } from './matches/service.ts';

export type SubmitResult = { ok: true; reference: string } | { ok: false; errors: ErrorItem[] };

/**
 * What a school may see of the support given on a referral's case, once it has one (casework's
 * school view, which src/services.ts hands in: casework is above referrals).
 */
export type SupportOfReferral<T> = (
  trx: Transaction<Database>,
  referralId: number,
  today: string,
) => Promise<T | undefined>;

/** The clock rules in force, from the service settings. */
export async function clockRules(trx: Reader): Promise<ClockRules> {
  return clockRulesOf(await readSettings(trx));
}

/**
 * Every request is acknowledged on arrival (Southend Early Help Family Support service document
 * (2016): within 24 hours): the acknowledgement is recorded on the referral's timeline and sent
 * to the referrer through the outbox, in the same transaction as the submission.
 */
async function acknowledge(
  trx: Transaction<Database>,
  referral: { id: number; reference: string; schoolUrn: number; recipient: string },
  now: Date,
) {
  const repository = referralsRepository();
  const rules = await clockRules(trx);
  const outcomeDue = outcomeDueBy(now, rules, await loadCalendar(trx));
  const school = await repository.school(trx, referral.schoolUrn);
  await repository.markAcknowledged(trx, referral.id, now);
  await repository.addEvent(trx, {
    referralId: referral.id,
    userId: null,
    kind: 'acknowledged',
    message: `Received and acknowledged. You will be told the outcome by ${formatLondonDateTime(outcomeDue)}.`,
  });
  await enqueue(trx, {
    template: 'acknowledgement',
    recipient: referral.recipient,
    referralId: referral.id,
    personalisation: {
      reference: referral.reference,
      school_name: schoolName(school),
      date_received: formatIsoDate(londonDate(now)),
      outcome_due_by: formatLondonDateTime(outcomeDue),
    },
  });
  return { acknowledgementDue: acknowledgementDueBy(now, rules), outcomeDue };
}

export function referralsService<Support>(db: Db, clock: Clock, supportOf: SupportOfReferral<Support>) {
  const repository = referralsRepository();

  async function linkOrCreateChild(
    trx: Transaction<Database>,
    actor: Actor,
    schoolUrn: number,
    child: ChildAnswers,
    family: FamilyAnswers,
  ) {
    const onRoll = await repository.findOnRoll(trx, schoolUrn, child);
    if (onRoll) return onRoll.id;
    const carers = [1, 2]
      .map((n) => ({
        name: String(family[`carer${n}Name` as keyof FamilyAnswers] ?? ''),
        relationship: String(family[`carer${n}Relationship` as keyof FamilyAnswers] ?? ''),
        phone: String(family[`carer${n}Phone` as keyof FamilyAnswers] ?? '') || null,
      }))
      .filter((carer) => carer.name);
    const childId = await repository.createChild(trx, { ...child, upn: child.upn || null, schoolUrn }, carers);
    await audit(trx, actor, {
      action: 'create',
      recordType: 'child',
      recordId: childId,
      details: { from: 'referral' },
    });
    return childId;
  }

  /** A new draft for a child at one of the user's own schools; anywhere else is forbidden. */
  function startDraft(actor: Actor, user: CurrentUser, schoolUrn: number, child?: Record<string, string>) {
    if (!user.schoolUrns.includes(schoolUrn)) throw new ForbiddenError('Not your school');
    const answers = emptyAnswers();
    if (child) answers.pages = { ...answers.pages, child };
    return db.transaction().execute(async (trx) => {
      const id = await repository.insertDraft(trx, { schoolUrn, createdBy: user.id, answers });
      await audit(trx, actor, { action: 'create', recordType: 'referral', recordId: id });
      return id;
    });
  }

  return {
    startDraft,

    /**
     * A new draft started from the chronic absence list: the pupil's details come from the
     * school's roll (only for one of the user's own schools).
     */
    async startDraftFor(actor: Actor, user: CurrentUser, schoolUrn: number, upn: string) {
      const child = upn && user.schoolUrns.includes(schoolUrn) ? await childAnswersFor(db, schoolUrn, upn) : undefined;
      return startDraft(actor, user, schoolUrn, child);
    },

    /**
     * A referral the user may see, with its events (a school user sees only what is meant for the
     * referrer) and, for a school user once it has a case, what the school may see of the support.
     */
    view(actor: Actor, user: CurrentUser, id: number) {
      const scope = scopeOf(user);
      return db.transaction().execute(async (trx) => {
        const referral = await repository.find(trx, scope, id);
        if (!referral) return undefined;
        const events = await repository.events(trx, id, scope.kind === 'schools');
        const support = scope.kind === 'schools' ? await supportOf(trx, id, clock.today()) : undefined;
        await audit(trx, actor, { action: 'view', recordType: 'referral', recordId: id });
        return { referral, answers: referral.answers as unknown as DraftAnswers, events, support };
      });
    },

    /**
     * A page of referrals, each waiting one with when its outcome is due (Southend Early Help
     * Family Support service document (2016): 48 hours).
     */
    async list(scope: Scope, page: number) {
      const [result, rules, calendar] = await Promise.all([
        repository.list(db, scope, page),
        clockRules(db),
        loadCalendar(db),
      ]);
      return {
        ...result,
        rows: result.rows.map((row) => ({
          ...row,
          outcomeDue: row.submitted_at && !row.outcome_at ? outcomeDueBy(row.submitted_at, rules, calendar) : undefined,
        })),
      };
    },

    /**
     * Saves what was typed on a page whether or not it is valid, so nothing is lost, and marks
     * the page complete only when it passes its rules.
     */
    savePage(actor: Actor, scope: Scope, id: number, slug: string, body: Record<string, unknown>) {
      const page = pageFor(slug)!;
      const values = pageValues(page, body);
      const result = validate(page.schema(clock.today()), withDateInputs(values, page.dateFields));
      return db.transaction().execute(async (trx) => {
        const referral = await repository.lock(trx, scope, id);
        if (!referral || referral.status !== 'draft') return { saved: false as const };
        const answers = referral.answers as unknown as DraftAnswers;
        answers.pages[slug] = values;
        answers.complete[slug] = result.ok;
        await repository.saveAnswers(trx, id, answers, clock.now());
        await audit(trx, actor, { action: 'update', recordType: 'referral', recordId: id, details: { page: slug } });
        return { saved: true as const, result };
      });
    },

    /**
     * Starts the child page from a child on the school roll: their name, date of birth, UPN and
     * year group, for the referrer to check and complete. Only a child in the user's scope.
     */
    fillFromRoll(actor: Actor, user: CurrentUser, id: number, childId: number) {
      const scope = scopeOf(user);
      return db.transaction().execute(async (trx) => {
        const referral = await repository.lock(trx, scope, id);
        const child = await childrenRepository().find(trx, scope, childId);
        if (!referral || referral.status !== 'draft' || !child || child.school_urn !== referral.school_urn)
          return false;
        const answers = referral.answers as unknown as DraftAnswers;
        const [year, month, day] = child.date_of_birth.split('-');
        answers.pages.child = {
          ...answers.pages.child,
          firstName: child.first_name,
          lastName: child.last_name,
          'dateOfBirth-day': String(Number(day)),
          'dateOfBirth-month': String(Number(month)),
          'dateOfBirth-year': year,
          upn: child.upn ?? '',
          yearGroup: child.year_group,
        };
        answers.complete.child = false;
        await repository.saveAnswers(trx, id, answers, clock.now());
        await audit(trx, actor, {
          action: 'view',
          recordType: 'child',
          recordId: childId,
          details: { for: 'referral', referralId: id },
        });
        await audit(trx, actor, {
          action: 'update',
          recordType: 'referral',
          recordId: id,
          details: { page: 'child', fromRoll: true },
        });
        return true;
      });
    },

    /** Sends the referral: once only, complete, with consent, and never for a safeguarding concern. */
    submit(actor: Actor, user: CurrentUser, id: number): Promise<SubmitResult | undefined> {
      return db.transaction().execute(async (trx) => {
        const referral = await repository.lock(trx, scopeOf(user), id);
        if (!referral) return undefined;
        if (referral.status !== 'draft') return { ok: true, reference: referral.reference! };
        const { parsed, incomplete } = parseAnswers(referral.answers as unknown as DraftAnswers, clock.today());
        if (incomplete.length) {
          return {
            ok: false,
            errors: incomplete.map((page) => ({
              text: `Complete ‘${page.title}’`,
              href: `/referrals/${id}/${page.slug}`,
            })),
          };
        }
        const consent = parsed.consent as ConsentAnswers;
        const allowed = canSubmit({
          consentGiven: consent.consentGiven === 'yes',
          safeguardingConcern: consent.safeguardingConcern === 'yes',
        });
        if (!allowed.ok) return { ok: false, errors: [{ text: allowed.reason, href: `/referrals/${id}/consent` }] };
        const childId = await linkOrCreateChild(
          trx,
          actor,
          referral.school_urn,
          parsed.child as ChildAnswers,
          parsed.family as FamilyAnswers,
        );
        const now = clock.now();
        const reference = await repository.nextReference(trx, now.getUTCFullYear());
        await repository.markSubmitted(trx, id, { reference, childId, now });
        await repository.addEvent(trx, {
          referralId: id,
          userId: user.id,
          kind: 'submitted',
          message: `Sent by ${user.name}`,
        });
        await acknowledge(trx, { id, reference, schoolUrn: referral.school_urn, recipient: user.email }, now);
        await recordMatches(trx, id, referral.answers as unknown as DraftAnswers);
        await audit(trx, actor, { action: 'submit', recordType: 'referral', recordId: id, details: { childId } });
        return { ok: true, reference };
      });
    },
  };
}

export type ReferralsService = ReturnType<typeof referralsService>;
