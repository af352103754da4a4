/**
 * Group programmes [issue 9; seed 000]: creating one with its facilitators and weekly sessions in
 * one transaction, moving a session, and cancelling. Every write is audited with ids only.
 */
import type { Db, DbOrTrx } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { dateInput, dateInputValues, withDateInputs } from '../../platform/date-input.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { z } from 'zod';
import { sql } from 'kysely';
import { schoolName } from '../../schools/service.ts';
import type { ProgrammeKind } from '../schema.ts';
import { groupYearOf, halfTermsOf, startYearOfLabel } from '../year.ts';
import { readProgrammeForm, type ProgrammeFormContext } from './form.ts';
import { clustersByHalfTerm } from './rotation-slots.ts';
import { checkMovedSession, dayAndDate, sessionCalendar, type SessionCalendar } from './sessions.ts';

export const PROGRAMME_RECORD = 'group-programme';

export type Outcome =
  | { kind: 'saved'; id: number; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' };

/** The bank holidays (with their names) and the term dates, for the session rules. */
export async function loadSessionCalendar(db: DbOrTrx): Promise<SessionCalendar> {
  const [holidays, terms] = await Promise.all([
    db.selectFrom('bank_holidays').select(['date', 'name']).execute(),
    db.selectFrom('term_periods').select(['name', 'starts_on', 'ends_on']).orderBy('starts_on').execute(),
  ]);
  return sessionCalendar(
    holidays,
    terms.map((term) => ({ name: term.name, startsOn: term.starts_on, endsOn: term.ends_on })),
  );
}

/** School years with term dates, from the year of `today` on. */
export async function yearsOffered(db: DbOrTrx, today: string): Promise<string[]> {
  const current = groupYearOf(today);
  const start = startYearOfLabel(current)!;
  const rows = await db
    .selectFrom('term_periods')
    .select('starts_on')
    .where('starts_on', '>=', `${start}-08-01`)
    .orderBy('starts_on')
    .execute();
  return [...new Set(rows.map((row) => groupYearOf(row.starts_on)))];
}

/** The approved allocation plan's small-group schools for the year ("the most vulnerable schools", seed 000). */
export async function smallGroupSchools(
  db: DbOrTrx,
  year: string,
): Promise<{ approved: boolean; schools: { urn: number; name: string }[] }> {
  const plan = await db
    .selectFrom('allocation_plans')
    .select('rows')
    .where('academic_year', '=', year)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  if (!plan) return { approved: false, schools: [] };
  const rows = plan.rows as { urn: number; name: string | null; smallGroup?: boolean }[];
  return {
    approved: true,
    schools: rows.filter((row) => row.smallGroup).map((row) => ({ urn: row.urn, name: schoolName(row) })),
  };
}

/** Staff who may facilitate a group: senior practitioners and practitioners with an account in use. */
export function facilitatorChoices(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where(sql<boolean>`roles && array['practitioner', 'senior_practitioner']::text[]`)
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Everything the create form needs for a kind of programme in a year. */
export async function programmeFormContext(
  db: DbOrTrx,
  kind: ProgrammeKind,
  year: string,
): Promise<ProgrammeFormContext> {
  const [halfTerms, clusters, plan, facilitators, cal, schools] = await Promise.all([
    halfTermsOf(db, year),
    clustersByHalfTerm(db, year),
    smallGroupSchools(db, year),
    facilitatorChoices(db),
    loadSessionCalendar(db),
    db.selectFrom('schools').select(['urn', 'name']).execute(),
  ]);
  const names = new Map(schools.map((school) => [school.urn, schoolName(school)]));
  return {
    kind,
    year,
    halfTerms,
    clustersByTerm: clusters,
    plan,
    schoolName: (urn) => names.get(urn),
    facilitators,
    cal,
  };
}

const moveSchema = z.object({ heldOn: dateInput('new date', { earliest: '2000-01-01', latest: '2099-12-31' }) });

export function programmesService(db: Db) {
  return {
    /** Creates the programme, its facilitators and its sessions in one transaction. */
    async create(actor: Actor, kind: ProgrammeKind, year: string, body: unknown): Promise<Outcome> {
      const form = readProgrammeForm(body, await programmeFormContext(db, kind, year));
      if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
      const input = form.data;
      return db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('group_programmes')
          .values({
            kind: input.kind,
            academic_year: input.year,
            term_name: input.halfTerm.name,
            cluster_id: input.clusterId,
            urn: input.urn,
            name: input.name,
            focus: input.focus,
            venue: input.venue,
            capacity: input.capacity,
            open_to_all: input.openToAll,
            measure_name: input.measureName,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('group_facilitators')
          .values(input.facilitatorIds.map((userId) => ({ programme_id: id, user_id: userId })))
          .execute();
        await trx
          .insertInto('group_sessions')
          .values(input.dates.map((heldOn) => ({ programme_id: id, held_on: heldOn })))
          .execute();
        await audit(trx, actor, {
          action: 'create',
          recordType: PROGRAMME_RECORD,
          recordId: id,
          details: {
            kind,
            year,
            termName: input.halfTerm.name,
            clusterId: input.clusterId,
            urn: input.urn,
            sessions: input.dates.length,
            capacity: input.capacity,
            facilitators: input.facilitatorIds,
          },
        });
        return {
          kind: 'saved',
          id,
          message: `${input.name} created with ${input.dates.length} ${input.dates.length === 1 ? 'session' : 'sessions'}`,
        } as const;
      });
    },

    /** The session and its programme, for the change date form; undefined when either is not found. */
    async session(programmeId: number, sessionId: number) {
      const sessions = await db
        .selectFrom('group_sessions')
        .select(['id', 'held_on'])
        .where('programme_id', '=', programmeId)
        .orderBy('held_on')
        .execute();
      const index = sessions.findIndex((session) => session.id === sessionId);
      if (index < 0) return undefined;
      const programme = await db
        .selectFrom('group_programmes')
        .select(['id', 'name', 'term_name', 'status'])
        .where('id', '=', programmeId)
        .executeTakeFirst();
      return (
        programme && {
          programme,
          session: { id: sessionId, number: index + 1, heldOn: sessions[index].held_on },
          values: dateInputValues('heldOn', sessions[index].held_on),
        }
      );
    },

    /** Moves one session to another school day in the programme's half term. */
    async moveSession(actor: Actor, programmeId: number, sessionId: number, body: unknown): Promise<Outcome> {
      const form = validate(moveSchema, withDateInputs(body, ['heldOn']));
      const cal = await loadSessionCalendar(db);
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        const programme = await trx
          .selectFrom('group_programmes')
          .select(['id', 'term_name'])
          .where('id', '=', programmeId)
          .forUpdate()
          .executeTakeFirst();
        const sessions = programme
          ? await trx
              .selectFrom('group_sessions')
              .select(['id', 'held_on'])
              .where('programme_id', '=', programmeId)
              .orderBy('held_on')
              .execute()
          : [];
        const index = sessions.findIndex((session) => session.id === sessionId);
        if (!programme || index < 0) return { kind: 'not-found' };
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        const halfTerm = cal.terms.find((term) => term.name === programme.term_name);
        const others = sessions.filter((session) => session.id !== sessionId).map((session) => session.held_on);
        const problem = halfTerm
          ? checkMovedSession(index + 1, form.data.heldOn, halfTerm, cal, others)
          : `The term dates no longer have ${programme.term_name}`;
        if (problem)
          return {
            kind: 'invalid',
            errors: [{ text: problem, href: '#heldOn-day' }],
            fieldErrors: { 'heldOn-day': { text: problem } },
          };
        await trx
          .updateTable('group_sessions')
          .set({ held_on: form.data.heldOn })
          .where('id', '=', sessionId)
          .execute();
        await audit(trx, actor, {
          action: 'move session',
          recordType: PROGRAMME_RECORD,
          recordId: programmeId,
          details: { sessionId, from: sessions[index].held_on, to: form.data.heldOn },
        });
        return {
          kind: 'saved',
          id: programmeId,
          message: `Session ${index + 1} moved to ${dayAndDate(form.data.heldOn)}`,
        };
      });
    },

    /** Cancels a programme: no more nominations; places and registers are kept. */
    async cancel(actor: Actor, id: number): Promise<Outcome> {
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        const programme = await trx
          .selectFrom('group_programmes')
          .select(['id', 'name', 'status'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!programme) return { kind: 'not-found' };
        if (programme.status === 'cancelled')
          return { kind: 'saved', id, message: `${programme.name} was already cancelled` };
        await trx.updateTable('group_programmes').set({ status: 'cancelled' }).where('id', '=', id).execute();
        await audit(trx, actor, { action: 'cancel', recordType: PROGRAMME_RECORD, recordId: id });
        return { kind: 'saved', id, message: `${programme.name} cancelled: no more nominations can be made` };
      });
    },
  };
}

export type ProgrammesService = ReturnType<typeof programmesService>;
