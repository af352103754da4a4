/**
 * The groups overview: the year's rotation of clusters, its programmes (parent groups for a
 * cluster, small groups at one of the most vulnerable schools) with their dates and places. A
 * school user sees their school's cluster and half term, the programmes open to them and how many
 * people their school has nominated: counts only.
 */
import type { Db } from '../db/connection.ts';
import type { Clock } from '../platform/clock.ts';
import type { CurrentUser } from '../platform/roles.ts';
import { schoolName } from '../schools/service.ts';
import { clusterOf } from './clusters/repository.ts';
import { nominationCounts, programmesOf, schoolOf, yearsRecorded } from './repository.ts';
import { listed, slotsOfCluster, type RotationSlot } from './rotation/rules.ts';
import { rotationFor } from './rotation/repository.ts';
import { clampToYear, groupYearOf, yearFromQuery, yearLabelOf, yearOptions } from './rules.ts';
import { seesOwnSchoolsOnly } from '../platform/policies.ts';

export function groupsOverviewService(db: Db, clock: Clock) {
  /** A school user's schools: each one's cluster this year, the half term(s) its cluster is given, and its nominations. */
  async function yourSchools(year: string, urns: readonly number[], rotation: readonly RotationSlot[]) {
    const onDate = clampToYear(clock.today(), year);
    const result = [];
    for (const urn of urns) {
      const school = await schoolOf(db, urn);
      if (!school) continue;
      const cluster = await clusterOf(db, year, urn, onDate);
      const terms = cluster ? slotsOfCluster(rotation, cluster.id).map((slot) => slot.termName) : [];
      result.push({
        urn,
        name: schoolName(school),
        cluster,
        terms,
        termList: listed(terms),
        ...(await nominationCounts(db, year, urn)),
      });
    }
    return result;
  }

  /** The year a page asks for ('?year=2026/27'), or the current school year in London. */
  const yearAsked = (value: unknown) => yearFromQuery(value, clock.today());

  /** The years to offer in a year selector: those with term dates or clusters, the current year and the one shown. */
  async function yearChoices(shown: string) {
    return yearOptions([shown, groupYearOf(clock.today()), ...(await yearsRecorded(db))], shown);
  }

  return {
    yearAsked,
    yearChoices,

    /** The overview of the year asked for, as the user may see it. */
    async page(user: CurrentUser, yearParam: unknown) {
      const year = yearAsked(yearParam);
      const schoolOnly = seesOwnSchoolsOnly(user.roles);
      const rotation = await rotationFor(db, year);
      return {
        year,
        yearLabel: yearLabelOf(year),
        years: await yearChoices(year),
        rotation: rotation.map((slot) => ({ ...slot, termYearLabel: yearLabelOf(slot.termYear) })),
        programmes: await programmesOf(db, year, schoolOnly ? user.schoolUrns : undefined),
        schoolOnly,
        yourSchools: schoolOnly ? await yourSchools(year, user.schoolUrns, rotation) : [],
      };
    },
  };
}

export type GroupsOverviewService = ReturnType<typeof groupsOverviewService>;
