import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { validate, type Validated } from '../validation.ts';
import { dateInput, formatIsoDate, withDateInputs } from '../date-input.ts';
import { createCalendar, type Calendar, type TermPeriod } from './calendar.ts';
import type { BankHoliday } from './bank-holidays.ts';
import { importTermsFile, type TermsImport } from './terms-file.ts';

type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface Term extends TermPeriod {
  id: number;
}

export const TERM_DATE_FIELDS = ['startsOn', 'endsOn'] as const;

const DATE_RANGE = { earliest: '2000-01-01', latest: '2099-12-31' };

/** The add and change term form. Dates come as GOV.UK date inputs, or as ISO dates from code. */
export const termSchema = z.preprocess(
  (body) => withDateInputs(body, TERM_DATE_FIELDS),
  z
    .object({
      name: z
        .string({ error: 'Enter the name of the term' })
        .trim()
        .min(1, 'Enter the name of the term')
        .max(100, 'Name of the term must be 100 characters or fewer'),
      startsOn: dateInput('start date', DATE_RANGE),
      endsOn: dateInput('end date', DATE_RANGE),
    })
    .superRefine((term, ctx) => {
      if (term.endsOn < term.startsOn) {
        ctx.addIssue({
          code: 'custom',
          message: 'End date must be the same as or after the start date',
          path: ['endsOn', 'day'],
        });
      }
    }),
);

export type TermInput = z.infer<typeof termSchema>;

function termOf(row: { id: number; name: string; starts_on: string; ends_on: string }): Term {
  return { id: row.id, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on };
}

/** A term's name and dates, as recorded in the audit. */
function periodOf(term: TermPeriod): TermPeriod {
  return { name: term.name, startsOn: term.startsOn, endsOn: term.endsOn };
}

function rejected(field: string, text: string): Validated<never> {
  return { ok: false, errors: [{ text, href: `#${field}` }], fieldErrors: { [field]: { text } } };
}

/**
 * The working-day calendar from the bank holidays and term dates in the database. Takes a
 * database or a transaction, so any service can compute its clocks with it.
 */
export async function loadCalendar(db: DbOrTrx): Promise<Calendar> {
  const [holidays, terms] = await Promise.all([
    db.selectFrom('bank_holidays').select('date').execute(),
    db.selectFrom('term_periods').select(['name', 'starts_on', 'ends_on']).orderBy('starts_on').execute(),
  ]);
  return createCalendar(
    holidays.map((holiday) => holiday.date),
    terms.map((term) => ({ name: term.name, startsOn: term.starts_on, endsOn: term.ends_on })),
  );
}

/** The school year a date falls in, named the GOV.UK way: '2026 to 2027'. Years start in August. */
export function academicYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 8 ? year : year - 1;
  return `${start} to ${start + 1}`;
}

/** Terms grouped by school year, in date order. */
export function termsByAcademicYear(terms: readonly Term[]): { academicYear: string; terms: Term[] }[] {
  const groups = new Map<string, Term[]>();
  for (const term of [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn))) {
    const year = academicYearOf(term.startsOn);
    groups.set(year, [...(groups.get(year) ?? []), term]);
  }
  return [...groups].map(([academicYear, list]) => ({ academicYear, terms: list }));
}

/** Why a term cannot be saved beside the others: a clash of dates or of names. */
async function clashWithOtherTerms(trx: Transaction<Database>, input: TermInput, exceptId?: number) {
  let others = trx.selectFrom('term_periods').select(['id', 'name', 'starts_on', 'ends_on']);
  if (exceptId !== undefined) others = others.where('id', '!=', exceptId);
  const overlapping = await others
    .where('starts_on', '<=', input.endsOn)
    .where('ends_on', '>=', input.startsOn)
    .orderBy('starts_on')
    .executeTakeFirst();
  if (overlapping) {
    const term = termOf(overlapping);
    return rejected(
      'startsOn-day',
      `This term overlaps ${term.name} (${formatIsoDate(term.startsOn)} to ${formatIsoDate(term.endsOn)})`,
    );
  }
  const sameName = await others.where(sql<string>`lower(name)`, '=', input.name.toLowerCase()).executeTakeFirst();
  if (sameName) return rejected('name', `There is already a term called ${sameName.name}`);
  return undefined;
}

export function calendarService(db: Db) {
  /** Checks the form and the other terms, then runs `write` and its audit in one transaction. */
  async function save(
    input: unknown,
    exceptId: number | undefined,
    write: (trx: Transaction<Database>, term: TermInput) => Promise<Term | undefined>,
  ) {
    const form = validate(termSchema, input);
    if (!form.ok) return form;
    return db.transaction().execute(async (trx): Promise<Validated<Term> | undefined> => {
      // One change to term dates at a time, so two overlapping terms cannot both be added.
      await sql`lock table term_periods in share row exclusive mode`.execute(trx);
      const clash = await clashWithOtherTerms(trx, form.data, exceptId);
      if (clash) return clash;
      const term = await write(trx, form.data);
      return term && { ok: true, data: term };
    });
  }

  return {
    /** Bank holidays and term dates as a Calendar for addWorkingDays, isTermTime, nextTermDay … */
    calendar(): Promise<Calendar> {
      return loadCalendar(db);
    },

    async terms(): Promise<Term[]> {
      const rows = await db.selectFrom('term_periods').selectAll().orderBy('starts_on').execute();
      return rows.map(termOf);
    },

    async term(id: number): Promise<Term | undefined> {
      const row = await db.selectFrom('term_periods').selectAll().where('id', '=', id).executeTakeFirst();
      return row && termOf(row);
    },

    /** Bank holidays from `from` to `to`, inclusive, in date order. */
    bankHolidaysBetween(from: string, to: string): Promise<BankHoliday[]> {
      return db
        .selectFrom('bank_holidays')
        .select(['date', 'name'])
        .where('date', '>=', from)
        .where('date', '<=', to)
        .orderBy('date')
        .execute();
    },

    async addTerm(actor: Actor, input: unknown): Promise<Validated<Term>> {
      const result = await save(input, undefined, async (trx, term) => {
        const row = await trx
          .insertInto('term_periods')
          .values({ name: term.name, starts_on: term.startsOn, ends_on: term.endsOn })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, actor, {
          action: 'create',
          recordType: 'term',
          recordId: row.id,
          details: { ...periodOf(term) },
        });
        return termOf(row);
      });
      return result!;
    },

    /** Undefined when there is no such term. */
    async updateTerm(actor: Actor, id: number, input: unknown): Promise<Validated<Term> | undefined> {
      return save(input, id, async (trx, term) => {
        const before = await trx
          .selectFrom('term_periods')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!before) return undefined;
        const row = await trx
          .updateTable('term_periods')
          .set({ name: term.name, starts_on: term.startsOn, ends_on: term.endsOn })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, actor, {
          action: 'update',
          recordType: 'term',
          recordId: id,
          details: { from: periodOf(termOf(before)), to: periodOf(term) },
        });
        return termOf(row);
      });
    },

    /** The deleted term, or undefined when there was none. */
    async deleteTerm(actor: Actor, id: number): Promise<Term | undefined> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.deleteFrom('term_periods').where('id', '=', id).returningAll().executeTakeFirst();
        if (!row) return undefined;
        await audit(trx, actor, {
          action: 'delete',
          recordType: 'term',
          recordId: id,
          details: { ...periodOf(termOf(row)) },
        });
        return termOf(row);
      });
    },

    /** Terms from a CSV file (terms-file.ts): all or nothing. */
    importTerms(actor: Actor, file: Buffer): Promise<TermsImport> {
      return importTermsFile(db, actor, file);
    },
  };
}

export type CalendarService = ReturnType<typeof calendarService>;
