// The case's plan: reading it (audited as a view of the case) and changing it. Every change is
// made with the case row locked and checked against the plan version the form was filled in
// against, so two people editing the plan at once cannot overwrite each other's changes.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { type ErrorItem, type FieldErrors, validate } from '../../platform/validation.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import { addCaseEvent, auditCase, changeCase, readCase, type CaseRecord, type Trx } from '../service.ts';
import { ASPECTS, aspectLabel, isAspect, type AspectScores, lowestAspects } from '../rules.ts';
import {
  actionStatus,
  actionsOf,
  addAction,
  addNoAction,
  assessedScores,
  replaceNoAction,
  setPlanVersion,
  updateAction,
  type PlanAction,
} from './repository.ts';
import {
  NO_ACTION_TEXT,
  actionSchema,
  isOverdue,
  noActionRefusal,
  overallReadiness,
  planVersionOf,
  readinessLabel,
  statusOf,
} from './rules.ts';

/** The plan page: each aspect in order with its actions, the aspects to focus on and the overall readiness. */
export function planView(rows: readonly PlanAction[], scores: AspectScores, today: string) {
  const focus = lowestAspects(scores);
  const actions = rows.filter((row) => !row.no_action);
  const shown = (row: PlanAction) => ({
    ...row,
    aspectLabel: aspectLabel(row.aspect),
    statusView: statusOf(row.status),
    overdue: isOverdue(row, today),
    readinessLabel: readinessLabel(row.readiness),
  });
  const aspects = ASPECTS.map((aspect) => {
    const own = actions.filter((row) => row.aspect === aspect.code).map(shown);
    const noAction = rows.some((row) => row.aspect === aspect.code && row.no_action && row.status === 'open');
    return {
      ...aspect,
      focus: focus.some((f) => f.code === aspect.code),
      score: scores[aspect.code]?.score ?? undefined,
      actions: [...own.filter((a) => a.status === 'open'), ...own.filter((a) => a.status !== 'open')],
      noAction,
      mayRecordNoAction: !noAction && !own.some((a) => a.status === 'open'),
    };
  });
  const open = actions.filter((row) => row.status === 'open');
  return {
    aspects,
    focus,
    overall: overallReadiness(actions),
    openCount: open.length,
    overdueCount: open.filter((row) => isOverdue(row, today)).length,
    empty: rows.length === 0,
  };
}

export type Saved = { kind: 'saved'; message: string };
export type Refused =
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'conflict' }
  | { kind: 'refused'; field: string; text: string }
  | { kind: 'not-found' }
  | { kind: 'closed' };

type Outcome = Saved | Refused;

export function planService(db: Db, clock: Clock) {
  /** Makes a change to the plan if the form was filled in against the current plan, and moves the plan on a version. */
  async function changePlan(
    user: CurrentUser,
    id: number,
    body: unknown,
    change: (trx: Trx, kase: CaseRecord) => Promise<Outcome>,
  ): Promise<Outcome> {
    const version = planVersionOf(body);
    const result = await changeCase(db, user, id, async (trx, kase): Promise<Outcome> => {
      if (version === undefined || version !== kase.plan_version) return { kind: 'conflict' };
      const outcome = await change(trx, kase);
      if (outcome.kind === 'saved') await setPlanVersion(trx, id, kase.plan_version + 1);
      return outcome;
    });
    return result.kind === 'done' ? result.value : result;
  }

  return {
    /** The plan page, or undefined when the user may not see the case. */
    page(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'plan', async (trx, kase) => {
        const [rows, assessment] = await Promise.all([actionsOf(trx, id), assessedScores(trx, id)]);
        return { kase, ...planView(rows, (assessment?.parent_scores ?? {}) as AspectScores, clock.today()) };
      });
    },

    /** The case and (when changing one) the action, for the action form; undefined when not found. */
    async form(actor: Actor, user: CurrentUser, id: number, actionId?: number) {
      const found = await readCase(db, actor, user, id, 'plan', async (trx, kase) => {
        const action =
          actionId === undefined
            ? undefined
            : (await actionsOf(trx, id)).find((row) => row.id === actionId && !row.no_action);
        return { kase, action };
      });
      return found && (actionId === undefined || found.action) ? found : undefined;
    },

    async addAction(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return changePlan(user, id, body, async (trx) => {
        const form = validate(actionSchema(clock.today(), 'new'), body);
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        const input = form.data;
        const actionId = await addAction(trx, id, input, user.id);
        await replaceNoAction(trx, id, input.aspect, clock.now());
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'action-added',
          message: `${aspectLabel(input.aspect)}: by ${formatIsoDate(input.byWhen)}`,
        });
        await auditCase(trx, actor, id, 'add action', { aspect: input.aspect, actionId });
        return { kind: 'saved', message: `Action added for ${aspectLabel(input.aspect).toLowerCase()}` };
      });
    },

    async updateAction(actor: Actor, user: CurrentUser, id: number, actionId: number, body: unknown): Promise<Outcome> {
      return changePlan(user, id, body, async (trx) => {
        const form = validate(actionSchema(clock.today(), 'edit'), body);
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        const input = form.data;
        const before = await actionStatus(trx, id, actionId);
        if (!before) return { kind: 'not-found' };
        await updateAction(trx, actionId, input, clock.now());
        if (input.status === 'open') await replaceNoAction(trx, id, input.aspect, clock.now());
        const change =
          before.status === input.status ? 'changed' : `marked ${statusOf(input.status).label.toLowerCase()}`;
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'action-updated',
          message: `${aspectLabel(input.aspect)}: ${change}`,
        });
        await auditCase(trx, actor, id, 'update action', { aspect: input.aspect, actionId, status: input.status });
        return { kind: 'saved', message: `Action ${change}` };
      });
    },

    /** Records "no action needed at this stage" for an aspect that has no open actions. */
    async recordNoAction(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      const aspect = (body as Record<string, unknown> | undefined)?.aspect;
      return changePlan(user, id, body, async (trx) => {
        if (!isAspect(aspect)) return { kind: 'refused', field: 'plan', text: 'Select the aspect of family life' };
        const refusal = noActionRefusal(await actionsOf(trx, id), aspect);
        if (refusal) return { kind: 'refused', field: `no-action-${aspect}`, text: refusal };
        const actionId = await addNoAction(trx, id, aspect, user.id);
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'action-added',
          message: `${aspectLabel(aspect)}: ${NO_ACTION_TEXT.toLowerCase()}`,
        });
        await auditCase(trx, actor, id, 'add action', { aspect, actionId });
        return { kind: 'saved', message: `${aspectLabel(aspect)}: ${NO_ACTION_TEXT.toLowerCase()}` };
      });
    },
  };
}

export type PlanService = ReturnType<typeof planService>;
