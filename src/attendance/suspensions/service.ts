// Suspensions and permanent exclusions: recording one (form) or many (file, all or nothing), the
// list a school or the attendance officer sees, and the DfE's rates against the pupils on roll.
// Every read and write is audited with counts and ids only.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { ImportProblem } from '../../platform/csv-import.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { validate } from '../../platform/validation.ts';
import { invalid, saved, type FormOutcome } from '../../platform/form-outcome.ts';
import { withDateInputs } from '../../platform/date-input.ts';
import type { Clock } from '../../platform/clock.ts';
import { schoolName } from '../../schools/service.ts';
import { recordsScope } from '../records/forms.ts';
import { schoolYearOf } from '../../platform/school-year.ts';
import { authorityUrns } from '../roll/repository.ts';
import { filtered, pupilsOnRoll, schoolsInScope, type ListFilter } from './repository.ts';
import { parseSuspensionsCsv, suspensionFormSchema, type SuspensionColumn, type SuspensionInput } from './forms.ts';
import { kindLabel, reasonLabel, suspensionMeasures } from './rules.ts';

export const SUSPENSION_RECORD = 'suspension';
export const SUSPENSIONS_PAGE_SIZE = 50;
/** Rows per insert: 9 values a row stays far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 2000;

export type ImportOutcome =
  { ok: true; added: number; updated: number } | { ok: false; problems: ImportProblem<SuspensionColumn>[] };

export type { ListFilter };

const rowOf = (input: SuspensionInput, source: 'form' | 'import', userId: number | null) => ({
  upn: input.upn,
  urn: input.urn,
  academic_year: schoolYearOf(input.startDate).key,
  kind: input.kind,
  start_date: input.startDate,
  sessions: input.sessions,
  reason: input.reason,
  source,
  recorded_by: userId,
});

export function suspensionsService(db: Db, clock: Clock) {
  const context = async (user: CurrentUser) => ({
    known: await authorityUrns(db),
    scope: recordsScope(user),
    today: clock.today(),
  });

  return {
    schools: (user: CurrentUser) => schoolsInScope(db, recordsScope(user)),

    /** A page of the records matching the filter (newest first), the count and the year's rates. */
    async list(actor: Actor, user: CurrentUser, filter: ListFilter, page: number) {
      const scope = recordsScope(user);
      return db.transaction().execute(async (trx) => {
        const rows = await filtered(trx, scope, filter)
          .innerJoin('schools', 'schools.urn', 'suspensions.urn')
          .leftJoin('pupil_roll', (join) =>
            join
              .onRef('pupil_roll.upn', '=', 'suspensions.upn')
              .onRef('pupil_roll.urn', '=', 'suspensions.urn')
              .onRef('pupil_roll.academic_year', '=', 'suspensions.academic_year'),
          )
          .select([
            'suspensions.id',
            'suspensions.upn',
            'suspensions.urn',
            'suspensions.kind',
            'suspensions.start_date',
            'suspensions.sessions',
            'suspensions.reason',
            'schools.name as school_name',
            'pupil_roll.first_name',
            'pupil_roll.last_name',
          ])
          .orderBy('suspensions.start_date', 'desc')
          .orderBy('suspensions.id', 'desc')
          .limit(SUSPENSIONS_PAGE_SIZE)
          .offset((page - 1) * SUSPENSIONS_PAGE_SIZE)
          .execute();
        const all = await filtered(trx, scope, filter).select(['suspensions.upn', 'suspensions.kind']).execute();
        const roll = await pupilsOnRoll(trx, scope, filter);
        await audit(trx, actor, {
          action: 'view list',
          recordType: SUSPENSION_RECORD,
          details: { year: filter.year, urn: filter.urn ?? null, page, shown: rows.length },
        });
        return {
          total: all.length,
          rows: rows.map((row) => ({
            ...row,
            schoolName: schoolName({ urn: row.urn, name: row.school_name }),
            pupilName: row.first_name ? `${row.first_name} ${row.last_name}` : null,
            kindLabel: kindLabel(row.kind),
            reasonLabel: reasonLabel(row.reason),
          })),
          measures: suspensionMeasures(all, roll.pupils),
          schoolsFromCensus: roll.fromCensus,
        };
      });
    },

    /** Records one suspension or permanent exclusion from the form. */
    async record(actor: Actor, user: CurrentUser, body: unknown): Promise<FormOutcome> {
      const result = validate(suspensionFormSchema(await context(user)), withDateInputs(body, ['startDate']));
      if (!result.ok) return invalid(result);
      const input = result.data as SuspensionInput;
      return db.transaction().execute(async (trx): Promise<FormOutcome> => {
        const added = await trx
          .insertInto('suspensions')
          .values(rowOf(input, 'form', actor.userId))
          .onConflict((oc) => oc.columns(['upn', 'urn', 'start_date', 'kind']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!added) {
          const text = `This ${kindLabel(input.kind).toLowerCase()} is already recorded for this pupil, school and start date`;
          return {
            kind: 'invalid',
            errors: [{ text, href: '#startDate-day' }],
            fieldErrors: { 'startDate-day': { text } },
          };
        }
        await audit(trx, actor, {
          action: 'record',
          recordType: SUSPENSION_RECORD,
          recordId: added.id,
          details: { urn: input.urn, kind: input.kind, sessions: input.sessions, reason: input.reason },
        });
        return saved(`${kindLabel(input.kind)} recorded`);
      });
    },

    /**
     * Imports a file, or changes nothing and says what is wrong. A row for a pupil, school, start
     * date and kind already recorded updates that record (a corrected file can be imported again).
     */
    async importFile(actor: Actor, user: CurrentUser, file: Buffer): Promise<ImportOutcome> {
      const parsed = parseSuspensionsCsv(file, await context(user));
      if (!parsed.ok) return parsed;
      const keyOf = (row: { upn: string; urn: number; start_date: string; kind: string }) =>
        [row.upn, row.urn, row.start_date, row.kind].join(':');
      const rows = parsed.rows.map((input) => rowOf(input, 'import', actor.userId));
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('suspensions')
          .select(['upn', 'urn', 'start_date', 'kind'])
          .where('upn', 'in', [...new Set(rows.map((row) => row.upn))])
          .execute();
        const known = new Set(existing.map(keyOf));
        const updated = rows.filter((row) => known.has(keyOf(row))).length;
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          await trx
            .insertInto('suspensions')
            .values(rows.slice(start, start + INSERT_CHUNK))
            .onConflict((oc) =>
              oc.columns(['upn', 'urn', 'start_date', 'kind']).doUpdateSet((eb) => ({
                sessions: eb.ref('excluded.sessions'),
                reason: eb.ref('excluded.reason'),
                source: eb.ref('excluded.source'),
                recorded_by: eb.ref('excluded.recorded_by'),
                recorded_at: clock.now(),
              })),
            )
            .execute();
        }
        const summary = { added: rows.length - updated, updated };
        await audit(trx, actor, {
          action: 'import',
          recordType: SUSPENSION_RECORD,
          details: { rows: rows.length, schools: new Set(rows.map((row) => row.urn)).size, ...summary },
        });
        return { ok: true as const, ...summary };
      });
    },
  };
}
