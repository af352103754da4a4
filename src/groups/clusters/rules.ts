/**
 * Clusters of schools (Havering SEMH Team proposal: "Parent support groups are delivered in Clusters"): the
 * form rules and the membership history. Each school is in one cluster a year; a school moved
 * mid-year keeps its history. Pure functions.
 */
import { z } from 'zod';
import { checkboxGroup } from '../../platform/checkboxes.ts';
import { dateInput, formatIsoDate } from '../../platform/date-input.ts';
import { yearLabelOf } from '../rules.ts';

/** A school a form may offer, and where it is now (if anywhere) in the year. */
export interface SchoolChoice {
  urn: number;
  name: string;
  clusterName?: string;
}

const clusterName = z
  .string({ error: 'Enter the cluster’s name' })
  .trim()
  .min(1, 'Enter the cluster’s name')
  .max(80, 'The cluster’s name must be 80 characters or fewer');

/** Checkbox values: none, one or several. */
const urnList = checkboxGroup(z.coerce.number().int());

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A cluster's name: given, not too long, and not already used by another cluster that year. */
export function nameSchema(year: string, otherNames: readonly string[]) {
  return clusterName.refine((name) => !otherNames.some((other) => sameName(other, name)), {
    message: `There is already a cluster with this name in ${yearLabelOf(year)}`,
  });
}

/**
 * Schools chosen with checkboxes: each one of the authority's schools and not in another cluster
 * that year (refused naming the school and its cluster).
 */
export function schoolsSchema(schools: ReadonlyMap<number, SchoolChoice>, { required }: { required: boolean }) {
  return urnList.superRefine((urns, ctx) => {
    if (required && urns.length === 0) ctx.addIssue({ code: 'custom', message: 'Select at least one school to add' });
    for (const urn of urns) {
      const school = schools.get(urn);
      if (!school) ctx.addIssue({ code: 'custom', message: 'Select schools from the list' });
      else if (school.clusterName)
        ctx.addIssue({
          code: 'custom',
          message: `${school.name} is already in ${school.clusterName}: each school is in one cluster a year`,
        });
    }
  });
}

export function createSchema(year: string, otherNames: readonly string[], schools: ReadonlyMap<number, SchoolChoice>) {
  return z.object({ name: nameSchema(year, otherNames), schools: schoolsSchema(schools, { required: false }) });
}

export interface MoveContext {
  year: string;
  /** The first and last days of the school year. */
  from: string;
  to: string;
  /** The day the school joined its cluster: a move must come after it. */
  joinedOn: string;
  clusterName: string;
  /** The year's other clusters. */
  targets: ReadonlyMap<number, string>;
}

/** Moving a school to another cluster from a date in the school year, with a reason. */
export function moveSchema(context: MoveContext) {
  return z
    .object({
      to: z.coerce
        .number({ error: 'Select the cluster the school moves to' })
        .int()
        .refine((id) => context.targets.has(id), 'Select the cluster the school moves to'),
      movedOn: dateInput('date of the move'),
      reason: z
        .string({ error: 'Enter the reason for the move' })
        .trim()
        .min(1, 'Enter the reason for the move')
        .max(500, 'The reason must be 500 characters or fewer'),
    })
    .superRefine((input, ctx) => {
      if (input.movedOn < context.from || input.movedOn > context.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['movedOn', 'day'],
          message: `The date of the move must be in the ${yearLabelOf(context.year)} school year, from ${formatIsoDate(context.from)} to ${formatIsoDate(context.to)}`,
        });
      } else if (input.movedOn <= context.joinedOn) {
        ctx.addIssue({
          code: 'custom',
          path: ['movedOn', 'day'],
          message: `The date of the move must be after ${formatIsoDate(context.joinedOn)}, when the school joined ${context.clusterName}`,
        });
      }
    });
}

/** One membership row of a school in the year, with its cluster's name. */
export interface MembershipRow {
  clusterId: number;
  clusterName: string;
  urn: number;
  schoolName: string;
  joinedOn: string;
  leftOn: string | null;
  moveReason: string | null;
}

export interface HistoryEntry {
  on: string;
  urn: number;
  schoolName: string;
  text: string;
}

/**
 * What happened to a cluster's schools, in date order: each school joining (added, or moved from
 * another cluster with the reason) and leaving (removed, or moved to another cluster).
 * `rows` are all the year's membership rows of the schools ever in the cluster.
 */
export function clusterHistory(clusterId: number, rows: readonly MembershipRow[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  const reason = (row: MembershipRow | undefined) => (row?.moveReason ? `: ${row.moveReason}` : '');
  for (const row of rows.filter((one) => one.clusterId === clusterId)) {
    const before = rows.find((one) => one.urn === row.urn && one.leftOn === row.joinedOn);
    const school = { urn: row.urn, schoolName: row.schoolName };
    entries.push({
      on: row.joinedOn,
      ...school,
      text: before
        ? `Moved from ${before.clusterName} on ${formatIsoDate(row.joinedOn)}${reason(row)}`
        : `In the cluster from ${formatIsoDate(row.joinedOn)}`,
    });
    if (row.leftOn) {
      const after = rows.find((one) => one.urn === row.urn && one.joinedOn === row.leftOn);
      entries.push({
        on: row.leftOn,
        ...school,
        text: after
          ? `Moved to ${after.clusterName} on ${formatIsoDate(row.leftOn)}${reason(after)}`
          : `Removed from the cluster on ${formatIsoDate(row.leftOn)}`,
      });
    }
  }
  return entries.sort((a, b) => a.on.localeCompare(b.on) || a.schoolName.localeCompare(b.schoolName));
}

/**
 * The day a school starts in a cluster: the first day of the year, or the day it last left a
 * cluster that year, so its rows never overlap.
 */
export function joiningDate(yearStart: string, leftOnDates: readonly (string | null)[]): string {
  return leftOnDates.reduce<string>((latest, left) => (left && left > latest ? left : latest), yearStart);
}

/** A school's membership of a cluster, for working out who was in it when. */
export interface Membership {
  clusterId: number;
  urn: number;
  name: string;
  joinedOn: string;
  leftOn: string | null;
}

/**
 * The schools in a cluster at any time from `from` to `to` (a half term), by name, noting the
 * ones that join or leave during it (left_on is the first day in the new cluster).
 */
export function schoolsDuring(rows: readonly Membership[], clusterId: number, from: string, to: string) {
  return rows
    .filter((row) => row.clusterId === clusterId && row.joinedOn <= to && (row.leftOn === null || row.leftOn > from))
    .map((row) => ({
      urn: row.urn,
      name: row.name,
      joinsOn: row.joinedOn > from ? row.joinedOn : undefined,
      leavesOn: row.leftOn !== null && row.leftOn <= to ? row.leftOn : undefined,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.urn - b.urn);
}
