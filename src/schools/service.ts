import type { Db } from '../db/connection.ts';
import { schoolsRepository, type SchoolFilter } from './repository.ts';

/** A school's name, or a clear stand-in where the published data has none. */
export function schoolName(school: { urn: number; name: string | null }): string {
  return school.name ?? `School with URN ${school.urn} (name not published)`;
}

/** Share of the roll, as a percentage to 1 decimal place; blank when either figure is missing. */
export function percentOfRoll(count: number | null, roll: number): number | null {
  return count == null || roll === 0 ? null : Math.round((count / roll) * 1000) / 10;
}

export function schoolsService(db: Db) {
  const repository = schoolsRepository(db);
  return {
    async list(filter: SchoolFilter) {
      return (await repository.list(filter)).map((school) => ({ ...school, displayName: schoolName(school) }));
    },
    async find(urn: number) {
      const school = await repository.find(urn);
      return school && { ...school, displayName: schoolName(school) };
    },
    async names(urns: number[]) {
      return (await repository.names(urns)).map(schoolName);
    },
  };
}
