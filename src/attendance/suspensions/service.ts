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
import {
  addSuspension,
  kindsOf,
  pageOf,
  pupilsOnRoll,
  recordedKeys,
  saveSuspensions,
  schoolsInScope,
  type ListFilter,
} from './repository.ts';
import { parseSuspensionsCsv, suspensionFormSchema, type SuspensionColumn, type SuspensionInput } from './forms.ts';
import { kindLabel, reasonLabel, suspensionMeasures } from './rules.ts';

export const SUSPENSION_RECORD = 'suspension';
export const SUSPENSIONS_PAGE_SIZE = 50;

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
        const rows = await pageOf(trx, scope, filter, page, SUSPENSIONS_PAGE_SIZE);
        const all = await kindsOf(trx, scope, filter);
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
        const added = await addSuspension(trx, rowOf(input, 'form', actor.userId));
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
        const known = new Set((await recordedKeys(trx, [...new Set(rows.map((row) => row.upn))])).map(keyOf));
        const updated = rows.filter((row) => known.has(keyOf(row))).length;
        await saveSuspensions(trx, rows, clock.now());
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
