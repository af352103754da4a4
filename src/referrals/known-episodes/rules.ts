/**
 * The list of children already known to Early Help or Social Care, as an administrator
 * imports it from the source system's CSV export (Havering SEMH Team proposal: SSFP is for
 * children 'not currently known to Early Help or Social Care'). Pure functions: parsing and
 * validation, no database.
 *
 * The file is read as every import reads one (src/platform/csv-import.ts): a header row naming
 * the columns `upn` (optional), `first_name`, `last_name`, `date_of_birth`, `service` and
 * `status` in any order and any case, then one row per episode. One bad row means the whole
 * file is refused, with every problem listed by row and column.
 */
import { checkRows, parseCsvTable, type Check, type ImportProblem, type TableSpec } from '../../platform/csv-import.ts';
import { isValidUpn } from '../../children/rules.ts';
import { parseDateOfBirth } from '../../platform/date-of-birth.ts';
import type { EpisodeCount } from './repository.ts';

export const KNOWN_SERVICES = ['early_help', 'social_care'] as const;
export const KNOWN_STATUSES = ['open', 'closed'] as const;
export type KnownService = (typeof KNOWN_SERVICES)[number];
export type KnownStatus = (typeof KNOWN_STATUSES)[number];

export const SERVICE_NAMES: Record<KnownService, string> = { early_help: 'Early Help', social_care: 'Social Care' };

export const COLUMNS = ['upn', 'first_name', 'last_name', 'date_of_birth', 'service', 'status'] as const;
export type Column = (typeof COLUMNS)[number];
const TABLE: TableSpec<Column> = { columns: COLUMNS, required: COLUMNS.filter((column) => column !== 'upn') };
const MAX_NAME_LENGTH = 100;

export interface KnownEpisodeRow {
  upn: string | null;
  firstName: string;
  lastName: string;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth: string;
  service: KnownService;
  status: KnownStatus;
}

export type ImportResult = { ok: true; rows: KnownEpisodeRow[] } | { ok: false; problems: ImportProblem<Column>[] };

/** 'early_help' or 'social_care', also written 'Early Help', 'social care' or 'Social-Care'. */
export function parseService(value: string): Check<KnownService> {
  const service = value.toLowerCase().replace(/[\s-]+/g, '_');
  return (KNOWN_SERVICES as readonly string[]).includes(service)
    ? { ok: true, value: service as KnownService }
    : { ok: false, message: 'enter early_help or social_care' };
}

export function parseStatus(value: string): Check<KnownStatus> {
  const status = value.toLowerCase();
  return (KNOWN_STATUSES as readonly string[]).includes(status)
    ? { ok: true, value: status as KnownStatus }
    : { ok: false, message: 'enter open or closed' };
}

/** An optional UPN: blank, or 13 characters with a correct check letter. Stored in capitals. */
export function parseUpn(value: string): Check<string | null> {
  if (!value) return { ok: true, value: null };
  const upn = value.replace(/\s/g, '').toUpperCase();
  return isValidUpn(upn)
    ? { ok: true, value: upn }
    : { ok: false, message: 'enter a real UPN (13 characters with a correct check letter) or leave it blank' };
}

function parseName(value: string, which: string): Check<string> {
  if (!value) return { ok: false, message: `enter a ${which} name` };
  if (value.length > MAX_NAME_LENGTH)
    return { ok: false, message: `the ${which} name must be ${MAX_NAME_LENGTH} characters or fewer` };
  return { ok: true, value };
}

/** Reads and checks a whole known-episodes CSV: every row, or every problem (nothing half-read). */
export function parseKnownEpisodesCsv(input: Buffer | string, today: string): ImportResult {
  const table = parseCsvTable(input, TABLE);
  if (!table.ok) return table;
  return checkRows(table.rows, ({ cell }, take): KnownEpisodeRow => ({
    upn: take('upn', parseUpn(cell('upn'))),
    firstName: take('first_name', parseName(cell('first_name'), 'first')),
    lastName: take('last_name', parseName(cell('last_name'), 'last')),
    dateOfBirth: take('date_of_birth', parseDateOfBirth(cell('date_of_birth'), today)),
    service: take('service', parseService(cell('service'))),
    status: take('status', parseStatus(cell('status'))),
  }));
}

// ---- Counts ------------------------------------------------------------------------------------

export type Counts = Record<KnownService, Record<KnownStatus | 'total', number>>;

function emptyCounts(): Counts {
  return Object.fromEntries(
    KNOWN_SERVICES.map((service) => [
      service,
      Object.fromEntries([...KNOWN_STATUSES, 'total'].map((status) => [status, 0])),
    ]),
  ) as Counts;
}

/** Open and closed episodes by service, with totals. */
export function countsOf(rows: readonly EpisodeCount[]): Counts {
  const counts = emptyCounts();
  for (const { service, status, count } of rows) {
    if (!counts[service] || !(status in counts[service])) continue;
    counts[service][status] += count;
    counts[service].total += count;
  }
  return counts;
}

/** The same counts from the rows of an import: all the audit log says about it, so no names. */
export function importCounts(rows: readonly KnownEpisodeRow[]): Counts {
  const counts = emptyCounts();
  for (const row of rows) {
    counts[row.service][row.status] += 1;
    counts[row.service].total += 1;
  }
  return counts;
}
