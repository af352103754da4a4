// Closing a case: the practitioner proposes it with the reason, the family's Maintaining Our Family
// Plan and the final measures [Portsmouth early help assessment, plan, review and closure guidance,
// §2.8, §3.3]; the team manager signs it off (and everyone involved is told) or refuses; the
// post-closure review follows [RBKC Early Help Family Support: 3 months].
import type { Db } from '../../../db/connection.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { enqueue } from '../../../platform/notify/outbox.ts';
import { formatIsoDate } from '../../../platform/date-input.ts';
import type { CurrentUser } from '../../../platform/roles.ts';
import { readSetting } from '../../../platform/settings/service.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../../platform/validation.ts';
import { londonDate } from '../../../platform/london-time.ts';
import { addCaseEvent, auditCase, readCase } from '../../service.ts';
import { meetingsRepository } from '../../meetings/repository.ts';
import {
  MAINTENANCE_FIELDS,
  closureReasonLabel,
  maintenanceRows,
  proposeSchema,
  reviewSchema,
  signOffSchema,
  type MaintenancePlan,
  type Review,
} from '../forms.ts';
import { closureOf, openActionCount } from '../repository.ts';
import { closureBlocker, openActionsProblem, reviewDueDate, reviewTiming } from '../rules.ts';
import { changed, invalid, type Outcome } from '../service.ts';
import {
  bumpPlanVersion,
  closeCase,
  endLeadSpell,
  recordSignOff,
  saveProposal,
  saveReview,
  setCaseStatus,
  settleOpenActions,
} from './repository.ts';

const meetings = meetingsRepository();

/** The form's values from an earlier proposal that was not signed off, so it need not be typed again. */
function earlierValues(
  closure: { reason: string; reason_detail: string | null; maintenance_plan: Record<string, string> } | undefined,
): Record<string, string> {
  if (!closure) return {};
  return { reason: closure.reason, reasonDetail: closure.reason_detail ?? '', ...closure.maintenance_plan };
}

export function closingService(db: Db, clock: Clock) {
  return {
    /** The proposal form's state, or undefined when the user may not see the case. */
    proposeForm(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'closure', async (trx, kase) => {
        const [openActions, closure] = await Promise.all([openActionCount(trx, id), closureOf(trx, id)]);
        return { kase, openActions, blocker: closureBlocker(kase.status), earlier: earlierValues(closure) };
      });
    },

    /**
     * Proposes closure. Open actions on the plan must be marked done or dropped first; the final
     * measures replace any recorded at closure before.
     */
    propose(actor: Actor, user: CurrentUser, id: number, body: Record<string, unknown>): Promise<Outcome> {
      return changed(db, user, id, async (trx, kase) => {
        const blocker = closureBlocker(kase.status);
        if (blocker) return { kind: 'refused', message: blocker };
        const open = await openActionCount(trx, id);
        const result = validate(proposeSchema, body);
        const form = result.ok ? result.data : undefined;
        const actions = openActionsProblem(open, {
          confirmed: body.closeActions === 'yes',
          seen:
            Number.isInteger(Number(body.openActionCount)) && body.openActionCount !== ''
              ? Number(body.openActionCount)
              : undefined,
          outcome:
            body.actionsOutcome === 'done' || body.actionsOutcome === 'dropped' ? body.actionsOutcome : undefined,
        });
        if (!form || actions) {
          const errors: ErrorItem[] = result.ok ? [] : [...result.errors];
          const fieldErrors: FieldErrors = result.ok ? {} : { ...result.fieldErrors };
          if (actions) {
            errors.unshift({ text: actions.text, href: `#${actions.field}` });
            fieldErrors[actions.field] = { text: actions.text };
          }
          return invalid({ errors, fieldErrors });
        }
        const today = clock.today();
        if (open > 0 && form.actionsOutcome) {
          await settleOpenActions(trx, id, form.actionsOutcome, clock.now());
          await bumpPlanVersion(trx, id);
        }
        const plan: MaintenancePlan = Object.fromEntries(
          MAINTENANCE_FIELDS.map((field) => [field.name, form[field.name]]).filter(([, value]) => value),
        );
        const closure = {
          reason: form.reason,
          reason_detail: form.reasonDetail ?? null,
          maintenance_plan: JSON.stringify(plan),
          proposed_by: user.id,
          proposed_at: clock.now(),
        };
        await saveProposal(trx, id, closure);
        const { behaviourPoints, attendancePercent, suspensions, placementKept } = form;
        await meetings.saveMeasures(trx, {
          caseId: id,
          point: 'closure',
          recordedOn: today,
          meetingId: null,
          userId: user.id,
          measures: { behaviourPoints, attendancePercent, suspensions, placementKept },
        });
        await setCaseStatus(trx, id, 'closure-proposed');
        const actionsText =
          open > 0 ? `; ${open === 1 ? '1 open action' : `${open} open actions`} marked as ${form.actionsOutcome}` : '';
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'closure-proposed',
          message: `Reason: ${closureReasonLabel(form.reason)}${actionsText}`,
        });
        await auditCase(trx, actor, id, 'propose closure', {
          reason: form.reason,
          openActions: open,
          actionsOutcome: open > 0 ? form.actionsOutcome : null,
        });
        return { kind: 'saved', message: 'Closure proposed: the team manager will sign it off' };
      });
    },

    /** The proposal for the team manager to sign off, or undefined when not found. */
    signOffForm(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'closure', async (trx, kase) => {
        const closure = await closureOf(trx, id);
        const months = await readSetting(trx, 'post-closure-review-months');
        return {
          kase,
          closure:
            closure && kase.status === 'closure-proposed'
              ? {
                  ...closure,
                  reasonLabel: closureReasonLabel(closure.reason),
                  plan: maintenanceRows(closure.maintenance_plan),
                }
              : undefined,
          reviewDue: reviewDueDate(clock.today(), months),
        };
      });
    },

    /**
     * The team manager signs off closure: the case closes, the lead professional's time on it
     * ends, its post-closure review is set, and the lead professional and the referrer are told.
     * Or refuses with a reason, and the case is open again.
     */
    signOff(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return changed(db, user, id, async (trx, kase) => {
        if (kase.status !== 'closure-proposed')
          return { kind: 'refused', message: 'Closure has not been proposed for this case' };
        const result = validate(signOffSchema, body);
        if (!result.ok) return invalid(result);
        const closure = await closureOf(trx, id);
        if (!closure) return { kind: 'refused', message: 'Closure has not been proposed for this case' };
        if (result.data.decision === 'refuse') {
          await setCaseStatus(trx, id, 'open');
          await addCaseEvent(trx, {
            caseId: id,
            userId: user.id,
            kind: 'closure-refused',
            message: result.data.reason,
          });
          await auditCase(trx, actor, id, 'refuse closure', { reason: closure.reason });
          return { kind: 'saved', message: 'Closure not signed off: the case is open again' };
        }
        const now = clock.now();
        const today = londonDate(now);
        const reviewDue = reviewDueDate(today, await readSetting(trx, 'post-closure-review-months'));
        await closeCase(trx, id, now, reviewDue);
        await recordSignOff(trx, id, user.id, now);
        await endLeadSpell(trx, id, today);
        const recipients = new Map<string, string>();
        for (const email of [kase.lead_email, await meetings.referrerEmail(trx, kase.referral_id)])
          if (email) recipients.set(email.toLowerCase(), email);
        const personalisation = {
          reference: kase.reference ?? String(kase.id),
          closure_reason: closureReasonLabel(closure.reason),
          review_due_by: formatIsoDate(reviewDue),
        };
        for (const recipient of recipients.values())
          await enqueue(trx, { template: 'case-closed', recipient, referralId: kase.referral_id, personalisation });
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'closure-signed-off',
          message: `Reason: ${closureReasonLabel(closure.reason)}. Post-closure review due by ${formatIsoDate(reviewDue)}`,
        });
        await auditCase(trx, actor, id, 'sign off closure', {
          reason: closure.reason,
          reviewDue,
          told: recipients.size,
        });
        return { kind: 'saved', message: `Case closed. The post-closure review is due by ${formatIsoDate(reviewDue)}` };
      });
    },

    /** The review form's state, or undefined when the user may not see the case. */
    reviewForm(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'closure', async (trx, kase) => {
        const closure = await closureOf(trx, id);
        return {
          kase,
          done: kase.post_closure_review_on !== null || !!closure?.review,
          timing: reviewTiming(kase.post_closure_review_due, clock.today()),
        };
      });
    },

    /** Records the post-closure review on a closed case (early if need be: it is dated today). */
    review(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return changed(
        db,
        user,
        id,
        async (trx, kase) => {
          if (kase.status !== 'closed')
            return { kind: 'refused', message: 'The post-closure review is recorded once the case has closed' };
          if (kase.post_closure_review_on)
            return {
              kind: 'refused',
              message: `The post-closure review was recorded on ${formatIsoDate(kase.post_closure_review_on)}`,
            };
          const result = validate(reviewSchema, body);
          if (!result.ok) return invalid(result);
          const today = clock.today();
          const early = reviewTiming(kase.post_closure_review_due, today).early;
          const review: Review = { ...result.data, notes: result.data.notes ?? null, reviewedOn: today, early };
          await saveReview(trx, id, { json: JSON.stringify(review), reviewedBy: user.id, reviewedOn: today });
          const measures = {
            behaviourPoints: null,
            attendancePercent: null,
            suspensions: review.suspensionsSince,
            placementKept: review.placementMaintained,
          };
          await meetings.saveMeasures(trx, {
            caseId: id,
            point: 'post-closure',
            recordedOn: today,
            meetingId: null,
            userId: user.id,
            measures,
          });
          const message = `${review.placementMaintained ? 'Still in their school place' : 'No longer in their school place'}; ${review.suspensionsSince === 1 ? '1 suspension' : `${review.suspensionsSince} suspensions`} since closure; ${review.reReferred ? 'referred again' : 'not referred again'}`;
          await addCaseEvent(trx, { caseId: id, userId: user.id, kind: 'post-closure-review', message });
          await auditCase(trx, actor, id, 'post-closure review', {
            early,
            placementMaintained: review.placementMaintained,
            reReferred: review.reReferred,
          });
          return { kind: 'saved', message: 'Post-closure review recorded' };
        },
        true,
      );
    },
  };
}

export type ClosingService = ReturnType<typeof closingService>;
