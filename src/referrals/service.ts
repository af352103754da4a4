import type { Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import { ForbiddenError } from '../platform/permissions.ts';
import { scopeOf, type CurrentUser, type Scope } from '../platform/roles.ts';
import { validate, type ErrorItem } from '../platform/validation.ts';
import { withDateInputs } from '../platform/date-input.ts';
import { emptyAnswers, pageValues, parseAnswers, pageFor, type DraftAnswers } from './pages.ts';
import { referralsRepository } from './repository.ts';
import { canSubmit, outcomeDueBy } from './rules.ts';
import type { ChildAnswers, ConsentAnswers, FamilyAnswers } from './schemas.ts';
import { acknowledge, clockRules } from './submission.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { recordMatches } from '../triage/matches.ts';
import { childrenRepository } from '../children/repository.ts';
import { schoolCaseView } from '../casework/school-view/service.ts';
import { caseOfReferral } from '../casework/school-view/repository.ts';
import { londonDate } from '../platform/london-time.ts';

export type SubmitResult = { ok: true; reference: string } | { ok: false; errors: ErrorItem[] };

export function referralsService(db: Db) {
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
    const created = await trx
      .insertInto('children')
      .values({
        first_name: child.firstName,
        last_name: child.lastName,
        date_of_birth: child.dateOfBirth,
        upn: child.upn || null,
        school_urn: schoolUrn,
        year_group: child.yearGroup,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const carers = [1, 2]
      .map((n) => ({
        name: String(family[`carer${n}Name` as keyof FamilyAnswers] ?? ''),
        relationship: String(family[`carer${n}Relationship` as keyof FamilyAnswers] ?? ''),
        phone: String(family[`carer${n}Phone` as keyof FamilyAnswers] ?? '') || null,
      }))
      .filter((carer) => carer.name);
    if (carers.length) {
      await trx
        .insertInto('carers')
        .values(carers.map((carer) => ({ ...carer, child_id: created.id, has_parental_responsibility: true })))
        .execute();
    }
    await audit(trx, actor, {
      action: 'create',
      recordType: 'child',
      recordId: created.id,
      details: { from: 'referral' },
    });
    return created.id;
  }

  return {
    /** A new draft for a child at one of the user's own schools; anywhere else is forbidden. */
    startDraft(actor: Actor, user: CurrentUser, schoolUrn: number, child?: Record<string, string>) {
      if (!user.schoolUrns.includes(schoolUrn)) throw new ForbiddenError('Not your school');
      const answers = emptyAnswers();
      if (child) answers.pages = { ...answers.pages, child };
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('referrals')
          .values({ school_urn: schoolUrn, created_by: user.id, answers: JSON.stringify(answers) })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, actor, { action: 'create', recordType: 'referral', recordId: row.id });
        return row.id;
      });
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
        const caseId = scope.kind === 'schools' ? await caseOfReferral(trx, id) : undefined;
        const support = caseId === undefined ? undefined : await schoolCaseView(trx, caseId, londonDate(new Date()));
        await audit(trx, actor, { action: 'view', recordType: 'referral', recordId: id });
        return { referral, answers: referral.answers as unknown as DraftAnswers, events, support };
      });
    },

    /** A page of referrals, each waiting one with when its outcome is due (seed 003: 48 hours). */
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
      const result = validate(page.schema, withDateInputs(values, page.dateFields));
      return db.transaction().execute(async (trx) => {
        const referral = await repository.lock(trx, scope, id);
        if (!referral || referral.status !== 'draft') return { saved: false as const };
        const answers = referral.answers as unknown as DraftAnswers;
        answers.pages[slug] = values;
        answers.complete[slug] = result.ok;
        await trx
          .updateTable('referrals')
          .set({ answers: JSON.stringify(answers), updated_at: new Date() })
          .where('id', '=', id)
          .execute();
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
        await trx
          .updateTable('referrals')
          .set({ answers: JSON.stringify(answers), updated_at: new Date() })
          .where('id', '=', id)
          .execute();
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
        const { parsed, incomplete } = parseAnswers(referral.answers as unknown as DraftAnswers);
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
        const reference = await repository.nextReference(trx, new Date().getUTCFullYear());
        await trx
          .updateTable('referrals')
          .set({ status: 'submitted', reference, child_id: childId, submitted_at: new Date(), updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        await repository.addEvent(trx, {
          referralId: id,
          userId: user.id,
          kind: 'submitted',
          message: `Sent by ${user.name}`,
        });
        await acknowledge(trx, { id, reference, schoolUrn: referral.school_urn, recipient: user.email });
        await recordMatches(trx, id, referral.answers as unknown as DraftAnswers);
        await audit(trx, actor, { action: 'submit', recordType: 'referral', recordId: id, details: { childId } });
        return { ok: true, reference };
      });
    },
  };
}

export type ReferralsService = ReturnType<typeof referralsService>;
