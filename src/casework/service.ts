// Caseloads and case pages. Every read of a case is a read of a child's record: audited.
//
// Reading and changing a case. A practitioner reads the cases they lead (or the team's, when the
// authority's setting says so) and changes only the ones they lead; a senior practitioner and the
// team manager reach the team's. A case outside a user's reach is "not found"; one they may read
// but not change refuses the change with a page that says why. Every read
// is audited here; every change is made in one transaction with the case row locked, so two
// people changing the same case take turns, and the area's own audit entry goes in the same
// transaction.
import type { Db } from '../db/connection.ts';
import type { Clock } from '../platform/clock.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { formatIsoDate } from '../platform/date-input.ts';
import type { CurrentUser } from '../platform/roles.ts';
import { readSettings } from '../platform/settings/service.ts';
import { pageOf } from '../platform/validation.ts';
import { needLabel } from '../referrals/rules.ts';
import { presentingNeedsOf } from '../referrals/forms.ts';
import { practitionerTypeName } from '../platform/users/practitioner-types.ts';
import { CASE_PAGE_SIZE, clocksOf, clockStatus, describeNextClock, nextClock } from './rules.ts';
import { casesRepository, readScopeOf, caseScopeOf, type Reader } from './repository.ts';
import { childAttendance } from '../attendance/service.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ForbiddenError } from '../platform/errors.ts';

const repository = casesRepository();

/**
 * The group places a case's child holds and the groups it could book, as of `today`: the groups
 * area answers (src/services.ts wires it), since groups build on casework and not the other way.
 */
export type GroupPlacesOfCase<P> = (caseId: number, today: string) => Promise<P>;

export function caseworkService<P>(db: Db, clock: Clock, groupPlacesOf: GroupPlacesOfCase<P>) {
  return {
    /**
     * Open cases with their next clock, overdue first, one page of them (the last, when `asked` is
     * past the end). A practitioner sees their own; a team manager or senior practitioner (or a
     * practitioner, when the authority's setting says so) sees the team's, or one practitioner's
     * with `practitionerId`. The settings are read once, for the scope and the meeting interval.
     */
    async caseload(actor: Actor, user: CurrentUser, options: { practitionerId?: number; page?: number } = {}) {
      const settings = await readSettings(db);
      const scope = caseScopeOf(user, settings['practitioners-see-cases']);
      const teamView = scope.kind === 'all';
      const practitionerId = teamView ? options.practitionerId : undefined;
      const rows = await repository.open(db, scope, practitionerId);
      const cal = await loadCalendar(db);
      const weeks = settings['taf-interval-weeks'];
      const today = clock.today();
      const cases = rows
        .map((row) => {
          const next = nextClock(clocksOf(row, weeks), today, cal);
          return {
            id: row.id,
            status: row.status,
            reference: row.reference,
            childName: `${row.first_name} ${row.last_name}`,
            schoolName: row.school_name,
            leadName: row.lead_name,
            leadId: row.lead_id,
            typeName: practitionerTypeName(row.practitioner_type),
            allocatedAt: row.allocated_at,
            due: next.state === 'none' ? null : next.clock.due,
            next: describeNextClock(next, formatIsoDate),
          };
        })
        .sort(
          (a, b) =>
            Number(b.next.overdue) - Number(a.next.overdue) ||
            (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
            a.id - b.id,
        );
      await audit(db, actor, {
        action: 'view',
        recordType: 'caseload',
        recordId: practitionerId ?? (scope.kind === 'lead' ? scope.userId : null),
        details: { cases: cases.length },
      });
      const { page, rows: shown } = pageOf(cases, options.page ?? 1, CASE_PAGE_SIZE);
      return {
        teamView,
        practitionerId,
        cases: shown,
        page,
        total: cases.length,
        overdue: cases.filter((c) => c.next.overdue).length,
      };
    },

    /** The case's group places, for its page. */
    groupPlaces(caseId: number): Promise<P> {
      return groupPlacesOf(caseId, clock.today());
    },

    /** A case the user may see, with its timeline; undefined otherwise (shown as not found). */
    async view(actor: Actor, user: CurrentUser, id: number) {
      return db.transaction().execute(async (trx) => {
        // One read of the settings, for who may read the case and the meeting interval.
        const settings = await readSettings(trx);
        const row = await repository.find(trx, caseScopeOf(user, settings['practitioners-see-cases']), id);
        if (!row) return undefined;
        const events = await repository.events(trx, id);
        await audit(trx, actor, { action: 'view', recordType: 'case', recordId: id });
        const cal = await loadCalendar(trx);
        const weeks = settings['taf-interval-weeks'];
        const today = clock.today();
        const attendance = await childAttendance(trx, row.upn, row.school_urn, today);
        const needs = presentingNeedsOf(row.answers).map(needLabel);
        return {
          ...row,
          canChange: mayChange(user, row),
          typeName: practitionerTypeName(row.practitioner_type),
          needs,
          attendance,
          clocks: clocksOf(row, weeks).map((clock) => ({ ...clock, status: clockStatus(clock, today, cal) })),
          events,
        };
      });
    },
  };
}

export type CaseworkService<P = unknown> = ReturnType<typeof caseworkService<P>>;

export type Trx = Transaction<Database>;
export type CaseRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof casesRepository>['find']>>> & {
  /** Whether the user reading the case may change it (false for a practitioner reading a colleague's case). */
  canChange?: boolean;
};

/** Reads a case the user may see and audits the view of `page` ('contacts', 'assessment', …). */
export async function readCase<T>(
  db: Db,
  actor: Actor,
  user: CurrentUser,
  id: number,
  page: string,
  read: (trx: Trx, kase: CaseRecord) => Promise<T>,
): Promise<T | undefined> {
  return db.transaction().execute(async (trx) => {
    const found = await repository.find(trx, await readScopeOf(trx, user), id);
    if (!found) return undefined;
    await audit(trx, actor, { action: 'view', recordType: 'case', recordId: id, details: { page } });
    return read(trx, { ...found, canChange: mayChange(user, found) });
  });
}

const READ_ONLY_REASON =
  'Only the case’s lead professional, a senior practitioner or the team manager can change it. You can read it because practitioners can see the team’s cases.';

/** Whether the user may change a case they can read: they lead it, or they manage the team. */
export function mayChange(user: CurrentUser, kase: { practitioner_id: number }): boolean {
  return caseScopeOf(user).kind === 'all' || kase.practitioner_id === user.id;
}

export type Change<T> = { kind: 'done'; value: T } | { kind: 'not-found' } | { kind: 'closed' };

/**
 * The case if the user may change it; undefined when they cannot reach it (not found). One they
 * may only read is refused with the reason, before anything sent with the change is looked at.
 */
export async function changeableCase(db: Reader, user: CurrentUser, id: number): Promise<CaseRecord | undefined> {
  const kase = await repository.find(db, caseScopeOf(user), id);
  if (kase) return kase;
  if (await repository.find(db, await readScopeOf(db, user), id))
    throw new ForbiddenError(READ_ONLY_REASON, 'You cannot change this case');
  return undefined;
}

/**
 * Changes a case the user may reach, with its row locked. A closed case cannot be changed
 * (unless `allowClosed`, for the post-closure review). The caller writes its own audit entry.
 */
export async function changeCase<T>(
  db: Db,
  user: CurrentUser,
  id: number,
  change: (trx: Trx, kase: CaseRecord) => Promise<T>,
  options: { allowClosed?: boolean } = {},
): Promise<Change<T>> {
  return db.transaction().execute(async (trx): Promise<Change<T>> => {
    const locked = await repository.lock(trx, id);
    if (!locked) return { kind: 'not-found' };
    const kase = await changeableCase(trx, user, id);
    if (!kase) return { kind: 'not-found' };
    if (kase.status === 'closed' && !options.allowClosed) return { kind: 'closed' };
    return { kind: 'done', value: await change(trx, kase) };
  });
}

/** `changeCase` with its outcome flattened: the change's own outcome, or not found, or closed. */
export async function changeOutcome<T>(
  db: Db,
  user: CurrentUser,
  id: number,
  change: (trx: Trx, kase: CaseRecord) => Promise<T>,
  options: { allowClosed?: boolean } = {},
): Promise<T | { kind: 'not-found' } | { kind: 'closed' }> {
  const result = await changeCase(db, user, id, change, options);
  return result.kind === 'done' ? result.value : result;
}

/** Adds an event to the case's timeline (in the caller's transaction). */
export function addCaseEvent(
  trx: Trx,
  event: { caseId: number; userId: number | null; kind: string; message?: string | null; at?: Date },
) {
  return repository.addEvent(trx, event);
}

/** Audits a change to a case (in the caller's transaction). Details must not hold free text about the family. */
export function auditCase(trx: Trx, actor: Actor, caseId: number, action: string, details?: Record<string, unknown>) {
  return audit(trx, actor, { action, recordType: 'case', recordId: caseId, details });
}
