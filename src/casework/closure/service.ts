// The case's extension and closure section: the planned end and whether the case is past it,
// extension requests and the team manager's decisions [Havering SEMH Team proposal: about four
// months, extended only in exceptional circumstances with a manager's approval]. Closure and the
// post-closure review are in closing.ts.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/notify/outbox.ts';
import { formatIsoDate, withDateInputs } from '../../platform/date-input.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { readSetting } from '../../platform/settings/service.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { londonDate } from '../../platform/london-time.ts';
import { addCaseEvent, auditCase, changeOutcome, readCase, type CaseRecord, type Trx } from '../service.ts';
import { closureReasonLabel, maintenanceRows, type Review } from './forms.ts';
import {
  closureOf,
  extensionOf,
  extensionsOf,
  hasPendingExtension,
  insertExtension,
  lastRefusal,
  recordExtensionDecision,
  setPlannedEnd,
} from './repository.ts';
import {
  decisionSchema,
  extensionPossible,
  extensionSchema,
  latestPlannedEnd,
  plannedEndFlag,
  reviewTiming,
  type ExtensionContext,
} from './rules.ts';

export type Outcome =
  | { kind: 'saved'; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'refused'; message: string }
  | { kind: 'not-found' }
  | { kind: 'closed' };

export const invalid = (result: { errors: ErrorItem[]; fieldErrors: FieldErrors }): Outcome => ({
  kind: 'invalid',
  errors: result.errors,
  fieldErrors: result.fieldErrors,
});

/** Runs a change on a case the user may reach, flattening the outcome. */
export function changed(
  db: Db,
  user: CurrentUser,
  id: number,
  fn: (trx: Trx, kase: CaseRecord) => Promise<Outcome>,
  allowClosed = false,
): Promise<Outcome> {
  return changeOutcome(db, user, id, fn, { allowClosed });
}

async function contextOf(trx: Trx, kase: CaseRecord, today: string): Promise<ExtensionContext> {
  return {
    allocatedOn: londonDate(kase.allocated_at),
    plannedEnd: kase.planned_end,
    today,
    longestMonths: await readSetting(trx, 'longest-case-months'),
  };
}

/** The latest planned end the case may have (the longest a case may run is a setting). */
async function latestEndOf(trx: Trx, kase: CaseRecord): Promise<string> {
  return latestPlannedEnd(londonDate(kase.allocated_at), await readSetting(trx, 'longest-case-months'));
}

/** Why an extension cannot be asked for now, if it cannot. */
async function extensionBlocker(trx: Trx, kase: CaseRecord, today: string): Promise<string | undefined> {
  if (kase.status === 'closure-proposed') return 'Closure has been proposed, so the case cannot be extended';
  if (await hasPendingExtension(trx, kase.id))
    return 'An extension request is already waiting for the team manager’s decision';
  const possible = extensionPossible(await contextOf(trx, kase, today));
  return possible.ok ? undefined : possible.message;
}

export function closureService(db: Db, clock: Clock) {
  return {
    /** The section's page, or undefined when the user may not see the case. */
    page(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'closure', async (trx, kase) => {
        const today = clock.today();
        const [extensions, closure, refusal, typicalMonths, programmeMonths] = await Promise.all([
          extensionsOf(trx, id),
          closureOf(trx, id),
          lastRefusal(trx, id),
          readSetting(trx, 'typical-case-length-months'),
          readSetting(trx, 'inclusion-programme-length-months'),
        ]);
        const pending = extensions.find((extension) => extension.decision === null);
        const shownClosure = closure && kase.status !== 'open' ? closure : undefined;
        return {
          kase,
          today,
          typicalMonths,
          programmeMonths,
          latestEnd: await latestEndOf(trx, kase),
          flag: plannedEndFlag(kase.status, kase.planned_end, today, pending !== undefined),
          extensionBlocker: kase.status === 'closed' ? undefined : await extensionBlocker(trx, kase, today),
          extensions,
          closure: shownClosure && {
            ...shownClosure,
            reasonLabel: closureReasonLabel(shownClosure.reason),
            plan: maintenanceRows(shownClosure.maintenance_plan),
          },
          refusal: kase.status === 'open' && closure ? refusal : undefined,
          review: closure?.review ? (closure.review as unknown as Review) : undefined,
          reviewTiming: reviewTiming(kase.post_closure_review_due, today),
        };
      });
    },

    /** The extension form's state, or undefined when the user may not see the case. */
    extensionForm(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'closure', async (trx, kase) => {
        const today = clock.today();
        return {
          kase,
          latestEnd: await latestEndOf(trx, kase),
          blocker: kase.status === 'closed' ? undefined : await extensionBlocker(trx, kase, today),
        };
      });
    },

    /** The practitioner asks for a later planned end; one request may wait for a decision at a time. */
    requestExtension(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return changed(db, user, id, async (trx, kase) => {
        const today = clock.today();
        const blocker = await extensionBlocker(trx, kase, today);
        if (blocker) return { kind: 'refused', message: blocker };
        const result = validate(extensionSchema(await contextOf(trx, kase, today)), withDateInputs(body, ['newEnd']));
        if (!result.ok) return invalid(result);
        const extensionId = await insertExtension(trx, {
          caseId: id,
          requestedBy: user.id,
          reason: result.data.reason,
          newEnd: result.data.newEnd,
        });
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'extension-requested',
          message: `New planned end of ${formatIsoDate(result.data.newEnd)} requested`,
        });
        await auditCase(trx, actor, id, 'request extension', {
          extensionId,
          newEnd: result.data.newEnd,
          plannedEnd: kase.planned_end,
        });
        return { kind: 'saved', message: 'Extension requested: the team manager will decide' };
      });
    },

    /** A request and its case for the decision form; undefined when either is not found. */
    decisionForm(actor: Actor, user: CurrentUser, id: number, extensionId: number) {
      return readCase(db, actor, user, id, 'closure', async (trx, kase) => {
        const extension = (await extensionsOf(trx, id)).find((row) => row.id === extensionId);
        return extension && { kase, extension };
      });
    },

    /**
     * The team manager approves or declines a request (a reason is needed to decline). Approval
     * moves the planned end. The lead professional is told either way.
     */
    decideExtension(actor: Actor, user: CurrentUser, id: number, extensionId: number, body: unknown): Promise<Outcome> {
      return changed(db, user, id, async (trx, kase) => {
        const extension = await extensionOf(trx, id, extensionId, true);
        if (!extension) return { kind: 'not-found' };
        if (extension.decision)
          return { kind: 'refused', message: `This request has already been ${extension.decision}` };
        const result = validate(decisionSchema, body);
        if (!result.ok) return invalid(result);
        const { decision, reason } = result.data;
        await recordExtensionDecision(trx, extensionId, {
          decision,
          reason,
          decidedBy: user.id,
          decidedAt: clock.now(),
        });
        const plannedEnd = decision === 'approved' ? extension.new_end : kase.planned_end;
        if (decision === 'approved') await setPlannedEnd(trx, id, plannedEnd);
        const message =
          decision === 'approved'
            ? `The planned end is now ${formatIsoDate(plannedEnd)}`
            : `The planned end stays ${formatIsoDate(plannedEnd)}`;
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: decision === 'approved' ? 'extension-approved' : 'extension-declined',
          message,
        });
        await enqueue(trx, {
          template: 'extension-decision',
          recipient: kase.lead_email,
          referralId: kase.referral_id,
          personalisation: {
            reference: kase.reference ?? String(kase.id),
            decision,
            planned_end: formatIsoDate(plannedEnd),
          },
        });
        await auditCase(trx, actor, id, decision === 'approved' ? 'approve extension' : 'decline extension', {
          extensionId,
          plannedEnd,
        });
        return { kind: 'saved', message: `Extension ${decision}. ${message}` };
      });
    },
  };
}

export type ClosureService = ReturnType<typeof closureService>;
