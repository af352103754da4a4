import type { Db } from '../db/connection.ts';
import type { Actor } from '../platform/audit/audit.ts';
import { academicYears, figuresForYear, type YearFigures } from '../schools/figures/repository.ts';
import { academicYearOf } from '../schools/figures/import.ts';
import { methodFor, saveMethod, useDefaultMethod, type YearMethod } from './methods.ts';
import {
  describeMethod,
  factorsUsed,
  vulnerabilityTable,
  type VulnerabilityMethod,
  type VulnerabilityRow,
} from './vulnerability.ts';

export interface VulnerabilityView {
  years: string[];
  year: string;
  method: VulnerabilityMethod;
  /** The year's method as saved (or the default), even when the table was asked for with another. */
  yearMethod: YearMethod;
  rows: (VulnerabilityRow & { demoFields: YearFigures['demoFields']; maintained: boolean })[];
}

const YEAR = /^\d{4}\/\d{2}$/;
const currentYear = () => academicYearOf(new Date().toISOString().slice(0, 10));

/** The vulnerability table for a year: every school with figures, scored and ranked together by the year's method. */
export function vulnerabilityService(db: Db) {
  /** The year asked for if it has figures, else the current year if it has, else the latest with figures. */
  async function yearWithFigures(requestedYear: string | undefined): Promise<{ years: string[]; year: string }> {
    const years = await academicYears(db);
    const current = currentYear();
    const year =
      requestedYear && years.includes(requestedYear)
        ? requestedYear
        : years.includes(current)
          ? current
          : (years[0] ?? current);
    return { years, year };
  }

  return {
    /** The table with the year's method, or with `method` when given (to compare). */
    async table(requestedYear: string | undefined, method?: VulnerabilityMethod): Promise<VulnerabilityView> {
      const { years, year } = await yearWithFigures(requestedYear);
      const yearMethod = await methodFor(db, year);
      const used = method ?? yearMethod.method;
      const figures = await figuresForYear(db, year);
      const byUrn = new Map(figures.map((school) => [school.urn, school]));
      const rows = vulnerabilityTable(figures, used).map((row) => ({
        ...row,
        demoFields: byUrn.get(row.urn)!.demoFields,
        maintained: byUrn.get(row.urn)!.maintained,
      }));
      return { years, year, method: used, yearMethod, rows };
    },

    /** A year for the method pages: any well-formed year asked for, else the table's year. */
    async methodYear(requestedYear: string | undefined): Promise<string> {
      return requestedYear && YEAR.test(requestedYear) ? requestedYear : (await yearWithFigures(undefined)).year;
    },

    method: (year: string) => methodFor(db, year),
    saveMethod: (actor: Actor, year: string, method: VulnerabilityMethod) => saveMethod(db, actor, year, method),
    useDefaultMethod: (actor: Actor, year: string) => useDefaultMethod(db, actor, year),
    describe: (method: VulnerabilityMethod) => ({ sentences: describeMethod(method), factors: factorsUsed(method) }),
  };
}

export type VulnerabilityService = ReturnType<typeof vulnerabilityService>;
