// A case's Supporting Families record: reading it (audited as a view of the case) with what the
// assessment suggests, eligibility and whether a claim may be made; identifying a need,
// recording its outcome and removing one identified in error, each with the case row locked,
// on the timeline and audited without the evidence.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { readSetting } from '../../platform/settings/service.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import { addCaseEvent, auditCase, changeOutcome, readCase, type CaseRecord, type Trx } from '../access.ts';
import { assessmentOf } from '../assessment/repository.ts';
import { achievedSchema, identifySchema } from './forms.ts';
import { HEADLINE_OUTCOMES, claimReadiness, eligibility, outcomeLabel, outcomeState, suggestedNeeds } from './rules.ts';
import { casesWithPlan, needRecord, needsOf, programmeConsents, type NeedRow } from './store.ts';

export type Outcome =
  | { kind: 'saved'; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' }
  | { kind: 'closed' };

const invalid = (field: string, text: string): Outcome => ({
  kind: 'invalid',
  errors: [{ text, href: `#${field}` }],
  fieldErrors: { [field]: { text } },
});

/** Everything the case's Supporting Families page shows, as it stands on `today`. */
async function familyRecord(trx: Trx, kase: CaseRecord, today: string) {
  const [rows, consents, plans, assessment, sustainedMonths] = await Promise.all([
    needsOf(trx, [kase.id]),
    programmeConsents(trx, [kase.id], today),
    casesWithPlan(trx, [kase.id]),
    assessmentOf(trx, kase.id),
    readSetting(trx, 'supporting-families-sustained-months'),
  ]);
  const consent = consents.get(kase.id)!;
  const assessmentComplete = Boolean(assessment.completedOn ?? kase.assessment_completed_on);
  const needs = rows.map(needRecord);
  const identified = new Set(rows.map((row) => row.outcome));
  return {
    kase,
    sustainedMonths,
    consent,
    assessmentComplete,
    planExists: plans.has(kase.id),
    eligibility: eligibility(needs),
    claim: claimReadiness({
      needs,
      consent,
      assessmentComplete,
      planExists: plans.has(kase.id),
      today,
      sustainedMonths,
    }),
    needs: rows.map((row) => ({
      ...row,
      label: outcomeLabel(row.outcome),
      ...outcomeState(needRecord(row), today, sustainedMonths),
    })),
    suggested: suggestedNeeds({ parent: assessment.parentScores, child: assessment.childScores }).filter(
      (need) => !identified.has(need.code),
    ),
    available: HEADLINE_OUTCOMES.filter((outcome) => !identified.has(outcome.code)),
  };
}

export type FamilyRecord = Awaited<ReturnType<typeof familyRecord>>;

const needOf = async (trx: Trx, caseId: number, needId: number): Promise<NeedRow | undefined> =>
  (await needsOf(trx, [caseId])).find((row) => row.id === needId);

export function supportingFamiliesService(db: Db, clock: Clock) {
  const change = (
    user: CurrentUser,
    id: number,
    fn: (trx: Trx, kase: CaseRecord) => Promise<Outcome>,
  ): Promise<Outcome> => changeOutcome(db, user, id, fn);

  return {
    /** The case's Supporting Families page, or undefined when the user may not see the case. */
    page(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'supporting-families', (trx, kase) =>
        familyRecord(trx, kase, clock.today()),
      );
    },

    /** The case and one need, for the outcome form; undefined when either is not found. */
    async needPage(actor: Actor, user: CurrentUser, id: number, needId: number) {
      const found = await readCase(db, actor, user, id, 'supporting-families', async (trx, kase) => ({
        kase,
        need: await needOf(trx, id, needId),
      }));
      return found?.need
        ? { kase: found.kase, need: { ...found.need, label: outcomeLabel(found.need.outcome) } }
        : undefined;
    },

    identify(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return change(user, id, async (trx) => {
        const today = clock.today();
        const identified = new Set((await needsOf(trx, [id])).map((row) => row.outcome));
        const available = HEADLINE_OUTCOMES.filter((outcome) => !identified.has(outcome.code)).map(
          (outcome) => outcome.code,
        );
        if (!available.length)
          return invalid('outcome', 'All ten headline needs are already identified for this family');
        const result = validate(identifySchema(available, today), body);
        if (!result.ok) return { kind: 'invalid', errors: result.errors, fieldErrors: result.fieldErrors };
        const input = result.data;
        const { id: needId } = await trx
          .insertInto('case_supporting_families')
          .values({
            case_id: id,
            outcome: input.outcome,
            need_evidence: input.evidence,
            identified_on: input.identifiedOn,
            identified_by: user.id,
            recorded_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const label = outcomeLabel(input.outcome);
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'supporting-families',
          message: `Supporting Families need identified: ${label}`,
        });
        await auditCase(trx, actor, id, 'identify supporting families need', {
          needId,
          outcome: input.outcome,
          identifiedOn: input.identifiedOn,
        });
        return { kind: 'saved', message: `Need identified: ${label}` };
      });
    },

    /** Records (or corrects) the outcome achieved for a need. */
    achieve(actor: Actor, user: CurrentUser, id: number, needId: number, body: unknown): Promise<Outcome> {
      return change(user, id, async (trx) => {
        const need = await needOf(trx, id, needId);
        if (!need) return { kind: 'not-found' };
        const result = validate(achievedSchema(need.identified_on, clock.today()), body);
        if (!result.ok) return { kind: 'invalid', errors: result.errors, fieldErrors: result.fieldErrors };
        const { achievedOn, evidence } = result.data;
        await trx
          .updateTable('case_supporting_families')
          .set({ achieved_on: achievedOn, achieved_evidence: evidence, recorded_by: user.id, recorded_at: clock.now() })
          .where('id', '=', needId)
          .where('case_id', '=', id)
          .execute();
        const label = outcomeLabel(need.outcome);
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'supporting-families',
          message: `Supporting Families outcome achieved: ${label}, on ${formatIsoDate(achievedOn)}`,
        });
        await auditCase(trx, actor, id, 'record supporting families outcome', {
          needId,
          outcome: need.outcome,
          achievedOn,
          corrected: need.achieved_on !== null,
        });
        return { kind: 'saved', message: `Outcome recorded: ${label}` };
      });
    },

    /** Removes a need identified in error, with its outcome; the timeline and the audit keep that it was. */
    remove(actor: Actor, user: CurrentUser, id: number, needId: number): Promise<Outcome> {
      return change(user, id, async (trx) => {
        const removed = await trx
          .deleteFrom('case_supporting_families')
          .where('id', '=', needId)
          .where('case_id', '=', id)
          .returning(['outcome', 'identified_on', 'achieved_on'])
          .executeTakeFirst();
        if (!removed) return { kind: 'not-found' };
        const label = outcomeLabel(removed.outcome);
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'supporting-families',
          message: `Supporting Families need removed as identified in error: ${label}`,
        });
        await auditCase(trx, actor, id, 'remove supporting families need', {
          needId,
          outcome: removed.outcome,
          identifiedOn: removed.identified_on,
          achievedOn: removed.achieved_on,
        });
        return { kind: 'saved', message: `Need removed: ${label}` };
      });
    },
  };
}
