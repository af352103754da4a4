import type { Db } from '../db/connection.ts';
import { academicYears, figuresForYear, type YearFigures } from '../schools/figures/repository.ts';
import { academicYearOf } from '../schools/figures/import.ts';
import { DEFAULT_METHOD, describeMethod, factorsUsed, vulnerabilityTable, type VulnerabilityMethod, type VulnerabilityRow } from './vulnerability.ts';

export interface VulnerabilityView {
  years: string[];
  year: string;
  method: VulnerabilityMethod;
  rows: (VulnerabilityRow & { demoFields: YearFigures['demoFields']; maintained: boolean })[];
}

/** The vulnerability table for a year: every school with figures, scored and ranked together. */
export function vulnerabilityService(db: Db) {
  return {
    async table(requestedYear: string | undefined, method: VulnerabilityMethod = DEFAULT_METHOD): Promise<VulnerabilityView> {
      const years = await academicYears(db);
      const current = academicYearOf(new Date().toISOString().slice(0, 10));
      const year = requestedYear && years.includes(requestedYear) ? requestedYear : years.includes(current) ? current : (years[0] ?? current);
      const figures = await figuresForYear(db, year);
      const byUrn = new Map(figures.map((school) => [school.urn, school]));
      const rows = vulnerabilityTable(figures, method).map((row) => ({
        ...row,
        demoFields: byUrn.get(row.urn)!.demoFields,
        maintained: byUrn.get(row.urn)!.maintained,
      }));
      return { years, year, method, rows };
    },
    describe: (method: VulnerabilityMethod = DEFAULT_METHOD) => ({ sentences: describeMethod(method), factors: factorsUsed(method) }),
  };
}

export type VulnerabilityService = ReturnType<typeof vulnerabilityService>;
