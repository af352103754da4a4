// Reduced timetables: the work list of current ones with their flags and the count against the
// target, recording one, changing it and ending it. Every read and write of a pupil's record is
// audited with ids and facts only, never the pupil's name or the reasons written.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { dateInputValues, withDateInputs } from '../../platform/date-input.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { readSetting } from '../../platform/settings/service.ts';
import { validate } from '../../platform/validation.ts';
import { invalid, notFound, saved, type FormOutcome } from '../../platform/form-outcome.ts';
import type { Clock } from '../../platform/clock.ts';
import { schoolName } from '../../schools/service.ts';
import { recordsScope } from '../records/forms.ts';
import { schoolYearOf } from '../../platform/school-year.ts';
import { authorityUrns } from '../roll/repository.ts';
import { schoolsInScope } from '../suspensions/repository.ts';
import {
  currentReducedTimetables,
  findReducedTimetable,
  insertReducedTimetable,
  updateReducedTimetable,
} from './repository.ts';
import {
  FLAG_TEXT,
  REDUCED_TIMETABLES_TARGET,
  endSchema,
  isCinroseTimetable,
  reducedTimetableFlags,
  reducedTimetableSchema,
  weeksRunning,
  type ReducedTimetableInput,
} from './rules.ts';

export const RT_RECORD = 'reduced-timetable';
const DATES = ['startDate', 'plannedEnd', 'reviewDate'] as const;

export type Outcome = FormOutcome<{ id: number }>;

function columnsOf(input: ReducedTimetableInput) {
  return {
    upn: input.upn,
    pupil_name: input.pupilName,
    urn: input.urn,
    academic_year: schoolYearOf(input.startDate).key,
    start_date: input.startDate,
    planned_end: input.plannedEnd,
    hours_per_week: input.hoursPerWeek,
    reason: input.reason,
    parental_consent: input.parentalConsent,
    return_plan: input.returnPlan,
    return_plan_summary: input.returnPlanSummary,
    review_date: input.reviewDate,
  };
}

/** What the audit keeps of a change: facts, never the name or the reasons written. */
const auditDetails = (input: ReducedTimetableInput) => ({
  urn: input.urn,
  hoursPerWeek: input.hoursPerWeek,
  parentalConsent: input.parentalConsent,
  returnPlan: input.returnPlan,
});

export function reducedTimetablesService(db: Db, clock: Clock) {
  const formContext = async (user: CurrentUser) => ({ known: await authorityUrns(db), scope: recordsScope(user) });

  /** One record the user may see, or undefined. */
  const find = (trx: Db, user: CurrentUser, id: number) => findReducedTimetable(trx, recordsScope(user), id);

  return {
    schools: (user: CurrentUser) => schoolsInScope(db, recordsScope(user)),

    /** The current reduced timetables (longest running first), flagged, and the count against the target. */
    async workList(actor: Actor, user: CurrentUser) {
      const today = clock.today();
      return db.transaction().execute(async (trx) => {
        const flagWeeks = await readSetting(trx, 'reduced-timetable-flag-weeks');
        const rows = await currentReducedTimetables(trx, recordsScope(user), today);
        await audit(trx, actor, { action: 'view list', recordType: RT_RECORD, details: { shown: rows.length } });
        const items = rows.map((row) => {
          const hours = Number(row.hours_per_week);
          const flags = reducedTimetableFlags(
            {
              startDate: row.start_date,
              reviewDate: row.review_date,
              hoursPerWeek: hours,
              parentalConsent: row.parental_consent,
              returnPlan: row.return_plan,
            },
            today,
            flagWeeks,
          );
          return {
            id: row.id,
            upn: row.upn,
            pupilName: row.pupil_name,
            schoolName: schoolName({ urn: row.urn, name: row.school_name }),
            startDate: row.start_date,
            plannedEnd: row.planned_end,
            reviewDate: row.review_date,
            hours,
            weeks: Math.max(0, Math.floor(weeksRunning(row.start_date, today))),
            cinrose: isCinroseTimetable(hours),
            flags: flags.map((flag) => ({
              flag,
              text:
                flag === 'long-without-plan'
                  ? `Over ${flagWeeks} weeks, ${FLAG_TEXT[flag].toLowerCase()}`
                  : FLAG_TEXT[flag],
            })),
          };
        });
        return {
          items,
          flagWeeks,
          flagged: items.filter((item) => item.flags.length).length,
          target: REDUCED_TIMETABLES_TARGET,
        };
      });
    },

    /** The form values of one record (audited as a view), or undefined when the user may not see it. */
    async editForm(actor: Actor, user: CurrentUser, id: number) {
      return db.transaction().execute(async (trx) => {
        const row = await find(trx, user, id);
        if (!row) return undefined;
        await audit(trx, actor, { action: 'view', recordType: RT_RECORD, recordId: id });
        const values = {
          upn: row.upn,
          pupilName: row.pupil_name,
          urn: String(row.urn),
          hoursPerWeek: String(Number(row.hours_per_week)),
          reason: row.reason,
          parentalConsent: row.parental_consent ? 'yes' : 'no',
          returnPlan: row.return_plan ? 'yes' : 'no',
          returnPlanSummary: row.return_plan_summary ?? '',
          ...dateInputValues('startDate', row.start_date),
          ...dateInputValues('plannedEnd', row.planned_end),
          ...dateInputValues('reviewDate', row.review_date),
        };
        return {
          record: {
            id: row.id,
            upn: row.upn,
            pupilName: row.pupil_name,
            schoolName: schoolName({ urn: row.urn, name: row.school_name }),
            startDate: row.start_date,
            endedOn: row.ended_on,
          },
          values,
        };
      });
    },

    /** Records a new reduced timetable. */
    async create(actor: Actor, user: CurrentUser, body: unknown): Promise<Outcome> {
      const result = validate(reducedTimetableSchema(await formContext(user)), withDateInputs(body, DATES));
      if (!result.ok) return invalid(result);
      return db.transaction().execute(async (trx) => {
        const { id } = await insertReducedTimetable(trx, {
          ...columnsOf(result.data),
          recorded_by: actor.userId,
          updated_by: actor.userId,
        });
        await audit(trx, actor, {
          action: 'record',
          recordType: RT_RECORD,
          recordId: id,
          details: auditDetails(result.data),
        });
        return saved('Reduced timetable recorded', { id });
      });
    },

    /** Changes a reduced timetable the user may see. */
    async update(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      const context = await formContext(user);
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        if (!(await find(trx, user, id))) return notFound;
        const result = validate(reducedTimetableSchema(context), withDateInputs(body, DATES));
        if (!result.ok) return invalid(result);
        await updateReducedTimetable(trx, id, {
          ...columnsOf(result.data),
          updated_by: actor.userId,
          updated_at: clock.now(),
        });
        await audit(trx, actor, {
          action: 'change',
          recordType: RT_RECORD,
          recordId: id,
          details: auditDetails(result.data),
        });
        return saved('Reduced timetable changed', { id });
      });
    },

    /** Ends a reduced timetable: the pupil is back on a full timetable (or has left). */
    async end(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        const row = await find(trx, user, id);
        if (!row) return notFound;
        const result = validate(endSchema(row.start_date, clock.today()), withDateInputs(body, ['endedOn']));
        if (!result.ok) return invalid(result);
        await updateReducedTimetable(trx, id, {
          ended_on: result.data.endedOn,
          updated_by: actor.userId,
          updated_at: clock.now(),
        });
        await audit(trx, actor, {
          action: 'end',
          recordType: RT_RECORD,
          recordId: id,
          details: { urn: row.urn, endedOn: result.data.endedOn },
        });
        return saved('Reduced timetable ended', { id });
      });
    },
  };
}
