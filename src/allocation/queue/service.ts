// The team manager's allocation queue: referrals the panel accepted for intensive
// support and not yet allocated, oldest first, each with its school's remaining quota. Allocating
// one makes the case, starts its clocks, and tells the practitioner and the referrer — all in one
// transaction, so a case, its messages and its audit exist together or not at all.
import { z } from 'zod';
import type { Db, DbOrTrx } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { enqueue } from '../../platform/notify/outbox.ts';
import { loadCalendar } from '../../platform/calendar/service.ts';
import { workingDaysBetween } from '../../platform/calendar/calendar.ts';
import { readSetting } from '../../platform/settings/service.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { londonDate } from '../../platform/london-time.ts';
import { schoolYearOf } from '../../platform/school-year.ts';
import { PRACTITIONER_TYPE_CODES, practitionerTypeName } from '../../platform/users/practitioner-types.ts';
import { presentingNeedsOf } from '../../referrals/forms.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import type { PractitionersService } from '../team/service.ts';
import {
  addCaseEvent,
  addReferralEvent,
  createCase,
  earlierClosedCase,
  emailOf,
  lockReferral,
  markReopenedFrom,
  openCaseCounts,
  quotaIn,
  waitingQuery,
  type Quota,
  type WaitingRow,
} from './repository.ts';
import { checkAllocation, dueDatesFrom, suggestedType, type Suggestion } from './rules.ts';

export interface Waiting {
  id: number;
  reference: string;
  childName: string;
  schoolUrn: number;
  schoolName: string;
  acceptedAt: Date;
  levelOfNeed: number | null;
  needs: string[];
  suggestion: Suggestion;
  quota: Quota | undefined;
}

const allocateSchema = z.object({
  practitionerId: z.coerce
    .number({ error: 'Select the practitioner' })
    .int('Select the practitioner')
    .positive('Select the practitioner'),
  type: z.enum(PRACTITIONER_TYPE_CODES, { error: 'Select the type of support' }),
  reason: z.string().trim().max(1000, 'The reason must be 1,000 characters or fewer').optional().default(''),
});

export type AllocateResult =
  | { kind: 'allocated'; caseId: number; reference: string; practitionerName: string }
  | { kind: 'not-found' }
  | { kind: 'problem'; status: number; errors: ErrorItem[]; fieldErrors: FieldErrors };

const problem = (status: number, field: string, text: string): AllocateResult => ({
  kind: 'problem',
  status,
  errors: [{ text, href: `#${field}` }],
  fieldErrors: { [field]: { text } },
});

export function allocationQueueService(db: Db, practitioners: PractitionersService, clock: Clock) {
  async function toWaiting(reader: DbOrTrx, row: WaitingRow, year: string): Promise<Waiting> {
    const needs = presentingNeedsOf(row.answers);
    return {
      id: row.id,
      reference: row.reference!,
      childName: `${row.first_name} ${row.last_name}`,
      schoolUrn: row.school_urn,
      schoolName: row.school_name ?? `URN ${row.school_urn}`,
      acceptedAt: row.outcome_at!,
      levelOfNeed: row.level_of_need,
      needs,
      suggestion: suggestedType(needs),
      quota: await quotaIn(reader, year, row.school_urn),
    };
  }

  /** The school year allocations count against ('2026/27'), on `today` (London's, today by default). */
  const thisYear = (today = clock.today()) => schoolYearOf(today).key;

  return {
    thisYear,

    /** Every referral waiting for allocation, oldest decision first. */
    async waiting(): Promise<{ year: string; rows: (Waiting & { workingDaysWaiting: number })[] }> {
      const year = thisYear();
      const [rows, cal] = await Promise.all([
        waitingQuery(db).orderBy('referrals.outcome_at').orderBy('referrals.id').execute(),
        loadCalendar(db),
      ]);
      const today = clock.today();
      const waiting = await Promise.all(rows.map((row) => toWaiting(db, row, year)));
      return {
        year,
        rows: waiting.map((row) => ({
          ...row,
          workingDaysWaiting: workingDaysBetween(londonDate(row.acceptedAt), today, cal),
        })),
      };
    },

    /** One waiting referral, for the allocate page; undefined if it is not waiting. */
    async one(id: number): Promise<Waiting | undefined> {
      const row = await waitingQuery(db).where('referrals.id', '=', id).executeTakeFirst();
      return row && toWaiting(db, row, thisYear());
    },

    /**
     * Allocates a waiting referral. Beyond the school's quota or the practitioner's caseload it
     * needs a reason, which is kept on the case and in the audit.
     */
    async allocate(actor: Actor, id: number, body: unknown): Promise<AllocateResult> {
      const form = validate(allocateSchema, body);
      if (!form.ok) return { kind: 'problem', status: 400, errors: form.errors, fieldErrors: form.fieldErrors };
      const { practitionerId, type, reason } = form.data;
      const member = await practitioners.member(practitionerId);
      if (!member) return problem(400, 'practitionerId', 'Select a practitioner from the team');
      return db.transaction().execute(async (trx): Promise<AllocateResult> => {
        const locked = await lockReferral(trx, id);
        if (!locked) return { kind: 'not-found' };
        const row = await waitingQuery(trx).where('referrals.id', '=', id).executeTakeFirst();
        if (!row)
          return problem(
            409,
            'practitionerId',
            'This referral has already been allocated, or is no longer waiting for allocation',
          );
        const now = clock.now();
        const today = londonDate(now);
        const year = thisYear(today);
        const waiting = await toWaiting(trx, row, year);
        const openCases = (await openCaseCounts(trx)).get(practitionerId) ?? 0;
        const check = checkAllocation({
          remainingQuota: waiting.quota?.remaining ?? null,
          openCases,
          maxCaseload: member.maxCaseload,
          schoolName: waiting.schoolName,
          practitionerName: member.name,
        });
        if (check.needsReason.length > 0 && !reason) {
          return problem(400, 'reason', `Enter the reason for allocating: ${check.needsReason.join('; ')}`);
        }
        const due = dueDatesFrom(today, type, await clockSettings(trx), await loadCalendar(trx));
        const caseId = await createCase(trx, {
          referralId: id,
          childId: row.child_id,
          schoolUrn: row.school_urn,
          academicYear: year,
          practitionerId,
          practitionerType: type,
          allocatedBy: actor.userId,
          allocatedAt: now,
          allocatedOn: today,
          ...due,
          overQuota: check.overQuota,
          overCaseload: check.overCaseload,
          reason: reason || null,
        });
        await linkToEarlierCase(trx, caseId, row.child_id, now, actor.userId);
        const typeName = practitionerTypeName(type);
        await addCaseEvent(trx, {
          caseId,
          userId: actor.userId,
          kind: 'allocated',
          message: `Allocated to ${member.name} (${typeName})${reason ? `. Reason: ${reason}` : ''}`,
        });
        await addReferralEvent(trx, {
          referralId: id,
          userId: actor.userId,
          kind: 'allocated',
          message: `Allocated to a ${typeName.toLowerCase()}, who will contact the family by ${formatIsoDate(due.contactDue)}.`,
        });
        await enqueue(trx, {
          template: 'case-allocated',
          recipient: member.email,
          referralId: id,
          personalisation: {
            reference: waiting.reference,
            contact_due_by: formatIsoDate(due.contactDue),
            assessment_due_by: formatIsoDate(due.assessmentDue),
          },
        });

        await enqueue(trx, {
          template: 'referral-allocated',
          recipient: await emailOf(trx, row.created_by),
          referralId: id,
          personalisation: {
            reference: waiting.reference,
            practitioner_type: typeName.toLowerCase(),
            contact_due_by: formatIsoDate(due.contactDue),
          },
        });
        await audit(trx, actor, {
          action: 'allocate',
          recordType: 'case',
          recordId: caseId,
          details: {
            referralId: id,
            practitionerId,
            type,
            suggested: waiting.suggestion.type,
            overQuota: check.overQuota,
            overCaseload: check.overCaseload,
            reason: reason || null,
          },
        });
        return { kind: 'allocated', caseId, reference: waiting.reference, practitionerName: member.name };
      });
    },
  };
}

/** A re-referral within 12 months of an earlier case closing is linked to it and shown on the timeline. */
async function linkToEarlierCase(trx: DbOrTrx, caseId: number, childId: number, now: Date, userId: number | null) {
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const earlier = await earlierClosedCase(trx, caseId, childId, yearAgo);
  if (!earlier) return;
  await markReopenedFrom(trx, caseId, earlier.id);
  await addCaseEvent(trx, {
    caseId,
    userId,
    kind: 'reopened',
    message: `Referred again within 12 months of case ${earlier.reference} closing`,
  });
}

async function clockSettings(trx: DbOrTrx) {
  return {
    contactWorkingDays: await readSetting(trx, 'initial-contact-working-days'),
    assessmentWorkingDays: await readSetting(trx, 'assessment-within-working-days'),
    practitionerCaseMonths: await readSetting(trx, 'typical-case-length-months'),
    inclusionProgrammeMonths: await readSetting(trx, 'inclusion-programme-length-months'),
  };
}

export type AllocationQueueService = ReturnType<typeof allocationQueueService>;
