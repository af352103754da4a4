/**
 * Group programmes (Havering SEMH Team proposal): creating one with its facilitators and weekly
 * sessions in one transaction, its page, moving a session, and cancelling. Every write is audited
 * with ids only.
 */
import type { Db, DbOrTrx } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { invalid, type Invalid, type NotFound, type Saved } from '../../platform/form-outcome.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { dateInput, dateInputValues, withDateInputs } from '../../platform/date-input.ts';
import { validate } from '../../platform/validation.ts';
import { z } from 'zod';
import type { ProgrammeKind } from '../schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { halfTermsOf } from '../repository.ts';
import { readProgrammeForm, type ProgrammeFormContext } from './forms.ts';
import {
  addFacilitators,
  addSessions,
  cancelProgramme,
  clustersByHalfTerm,
  facilitatorChoices,
  facilitatorNames,
  insertProgramme,
  loadSessionCalendar,
  lockedProgramme,
  moveSessionTo,
  placesOf,
  programmeDetails,
  programmeHeading,
  programmeSummary,
  schoolNames,
  sessionsOf,
  smallGroupSchools,
  yearsOffered,
} from './repository.ts';
import { checkMovedSession, dayAndDate } from './rules.ts';
import { mayNominate, organisesGroups, seesOwnSchoolsOnly } from '../../platform/policies.ts';
import { closedReason, placeSections } from '../places/rules.ts';
import { programmeFacts } from '../places/repository.ts';
import { KIND_NAMES } from './forms.ts';

export const PROGRAMME_RECORD = 'group-programme';

/** A change to a programme: saved (with its id), invalid or not found. */
export type Outcome = Saved<{ id: number }> | Invalid | NotFound;

/** Everything the create form needs for a kind of programme in a year. */
export async function programmeFormContext(
  db: DbOrTrx,
  kind: ProgrammeKind,
  year: string,
): Promise<ProgrammeFormContext> {
  const [halfTerms, clusters, plan, facilitators, cal, names] = await Promise.all([
    halfTermsOf(db, year),
    clustersByHalfTerm(db, year),
    smallGroupSchools(db, year),
    facilitatorChoices(db),
    loadSessionCalendar(db),
    schoolNames(db),
  ]);
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

export function programmesService(db: Db, clock: Clock) {
  return {
    /** School years with term dates, from this school year on. */
    yearsOffered: () => yearsOffered(db, clock.today()),
    /** Everything the create form needs for a kind of programme in a year. */
    formContext: (kind: ProgrammeKind, year: string) => programmeFormContext(db, kind, year),
    /** A programme's page as the user may see it (a read that shows personal details is audited). */
    page: (actor: Actor, user: CurrentUser, id: number) => programmePage(db, actor, user, id, clock.today()),
    /** A programme's id, name and status, for the cancel page. */
    heading: (id: number) => programmeHeading(db, id),

    /** Creates the programme, its facilitators and its sessions in one transaction. */
    async create(actor: Actor, kind: ProgrammeKind, year: string, body: unknown): Promise<Outcome> {
      const form = readProgrammeForm(body, await programmeFormContext(db, kind, year));
      if (!form.ok) return invalid(form);
      const input = form.data;
      return db.transaction().execute(async (trx) => {
        const id = await insertProgramme(trx, {
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
        });
        await addFacilitators(trx, id, input.facilitatorIds);
        await addSessions(trx, id, input.dates);
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
      const sessions = await sessionsOf(db, programmeId);
      const index = sessions.findIndex((session) => session.id === sessionId);
      if (index < 0) return undefined;
      const programme = await programmeSummary(db, programmeId);
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
        const programme = await lockedProgramme(trx, programmeId);
        const sessions = programme ? await sessionsOf(trx, programmeId) : [];
        const index = sessions.findIndex((session) => session.id === sessionId);
        if (!programme || index < 0) return { kind: 'not-found' };
        if (!form.ok) return invalid(form);
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
        await moveSessionTo(trx, sessionId, form.data.heldOn);
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
        const programme = await lockedProgramme(trx, id);
        if (!programme) return { kind: 'not-found' };
        if (programme.status === 'cancelled')
          return { kind: 'saved', id, message: `${programme.name} was already cancelled` };
        await cancelProgramme(trx, id);
        await audit(trx, actor, { action: 'cancel', recordType: PROGRAMME_RECORD, recordId: id });
        return { kind: 'saved', id, message: `${programme.name} cancelled: no more nominations can be made` };
      });
    },
  };
}

export type ProgrammesService = ReturnType<typeof programmesService>;

/**
 * A programme's page: its details, sessions and places. Staff see every place's details; a school
 * user sees the details of places with a child at one of their schools and counts for the rest. A
 * read that shows personal details is audited.
 */
async function programmePage(db: Db, actor: Actor, user: CurrentUser, id: number, today: string) {
  return db.transaction().execute(async (trx) => {
    const programme = await programmeFacts(trx, id);
    if (!programme) return undefined;
    const details = await programmeDetails(trx, id);
    const facilitators = await facilitatorNames(trx, id);
    const sessions = await sessionsOf(trx, id);
    const places = await placesOf(trx, id);
    const organiser = organisesGroups(user.roles);
    const sections = placeSections(places, programme.kind, programme.capacity, {
      seesAll: !seesOwnSchoolsOnly(user.roles),
      schoolUrns: user.schoolUrns,
    }).map((section) => ({
      ...section,
      rows: section.rows.map((row) => ({
        ...row,
        mayWithdrawConsent: !row.consent_withdrawn_at && (organiser || user.schoolUrns.includes(row.urn)),
      })),
    }));
    const shown = sections.reduce((n, section) => n + section.rows.length, 0);
    if (shown > 0)
      await audit(trx, actor, {
        action: 'view',
        recordType: PROGRAMME_RECORD,
        recordId: id,
        details: { placesShown: shown },
      });
    const closed = closedReason(programme, today);
    const nominator = mayNominate(user.roles);
    const ownSchool = programme.kind === 'parent-group' || organiser || user.schoolUrns.includes(programme.urn!);
    return {
      programme: {
        ...programme,
        ...details,
        kindName: KIND_NAMES[programme.kind],
        facilitators: facilitators.map((f) => f.name),
      },
      sessions: sessions.map((session, i) => ({
        id: session.id,
        number: i + 1,
        heldOn: session.held_on,
        day: dayAndDate(session.held_on),
        past: session.held_on < today,
      })),
      sections,
      organiser,
      closed,
      mayNominate: nominator && !closed && ownSchool,
      mayCancel: organiser && programme.status === 'open',
    };
  });
}
