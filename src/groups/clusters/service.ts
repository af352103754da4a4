/**
 * Changing clusters of schools: creating one (or copying last year's), renaming it, adding,
 * moving and removing schools. Each change and its audit row are written in one transaction;
 * the audit keeps ids and counts only, never names or the reasons written.
 */
import type { Db, DbOrTrx } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { invalid, type FormOutcome } from '../../platform/form-outcome.ts';
import { withDateInputs } from '../../platform/date-input.ts';
import { validate } from '../../platform/validation.ts';
import type { Clock } from '../../platform/clock.ts';
import { clampToYear, previousYearOf, yearBounds, yearLabelOf } from '../rules.ts';
import {
  closeMembership,
  clusterNames,
  clusterPage,
  clustersOfYear,
  deleteMembership,
  findCluster,
  insertCluster,
  insertMembership,
  leavingDates,
  openMembership,
  renameCluster,
  schoolChoices,
  unclustered,
} from './repository.ts';
import { createSchema, joiningDate, moveSchema, nameSchema, schoolsSchema } from './rules.ts';
import { z } from 'zod';

export const CLUSTER_RECORD = 'group-cluster';

/** A change to clusters: saved (with the cluster's id), invalid, refused or not found. */
export type Outcome = FormOutcome<{ id: number }>;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Opens a school's membership of a cluster from the start of the year (or from when it last left a cluster that year). */
async function join(trx: DbOrTrx, actor: Actor, clusterId: number, year: string, urns: readonly number[]) {
  for (const urn of urns) {
    const joinedOn = joiningDate(yearBounds(year).from, await leavingDates(trx, year, urn));
    await insertMembership(trx, {
      cluster_id: clusterId,
      academic_year: year,
      urn,
      joined_on: joinedOn,
      changed_by: actor.userId,
    });
  }
}

async function otherNames(trx: DbOrTrx, year: string, exceptId?: number) {
  const rows = await clusterNames(trx, year);
  return rows.filter((row) => row.id !== exceptId).map((row) => row.name);
}

export function clustersService(db: Db, clock: Clock) {
  return {
    /** The year's clusters by name, each with its current schools. */
    ofYear: (year: string) => clustersOfYear(db, year),
    /** The schools not in any cluster that year. */
    unclustered: async (year: string) => unclustered(await schoolChoices(db, year)),
    /** A cluster, with its year as pages name it. */
    async find(id: number) {
      const found = await findCluster(db, id);
      return found && { ...found, yearLabel: yearLabelOf(found.year) };
    },
    /** One cluster's page: its schools, its history and the year's other clusters. */
    async page(id: number) {
      const page = await clusterPage(db, id);
      return page && { ...page, cluster: { ...page.cluster, yearLabel: yearLabelOf(page.cluster.year) } };
    },
    /** A school's current membership of a cluster, with the school's name. */
    membership: (clusterId: number, urn: number) => openMembership(db, clusterId, urn),

    /** Creates a cluster with the schools chosen. */
    async create(actor: Actor, year: string, body: unknown): Promise<Outcome> {
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        const result = validate(
          createSchema(year, await otherNames(trx, year), await schoolChoices(trx, year)),
          body ?? {},
        );
        if (!result.ok) return invalid(result);
        const id = await insertCluster(trx, year, result.data.name, actor.userId);
        await join(trx, actor, id, year, result.data.schools);
        await audit(trx, actor, {
          action: 'create',
          recordType: CLUSTER_RECORD,
          recordId: id,
          details: { year, urns: result.data.schools },
        });
        return { kind: 'saved', id, message: `Cluster created with ${plural(result.data.schools.length, 'school')}` };
      });
    },

    /** Copies last year's clusters, with the schools they ended the year with, into a year that has none. */
    async copyLastYear(actor: Actor, year: string): Promise<Outcome> {
      const last = previousYearOf(year);
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        if ((await clustersOfYear(trx, year)).length > 0)
          return {
            kind: 'refused',
            message: `There are already clusters in ${yearLabelOf(year)}, so last year’s were not copied`,
          };
        const previous = await clustersOfYear(trx, last);
        if (previous.length === 0)
          return { kind: 'refused', message: `There are no clusters in ${yearLabelOf(last)} to copy` };
        for (const cluster of previous) {
          const id = await insertCluster(trx, year, cluster.name, actor.userId);
          await join(
            trx,
            actor,
            id,
            year,
            cluster.schools.map((school) => school.urn),
          );
        }
        await audit(trx, actor, {
          action: 'copy last year',
          recordType: CLUSTER_RECORD,
          recordId: year,
          details: { from: last, clusters: previous.length },
        });
        return {
          kind: 'saved',
          id: 0,
          message: `${plural(previous.length, 'cluster')} copied from ${yearLabelOf(last)}`,
        };
      });
    },

    async rename(actor: Actor, id: number, body: unknown): Promise<Outcome> {
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        const cluster = await findCluster(trx, id);
        if (!cluster) return { kind: 'not-found' };
        const result = validate(
          z.object({ name: nameSchema(cluster.year, await otherNames(trx, cluster.year, id)) }),
          body ?? {},
        );
        if (!result.ok) return invalid(result);
        await renameCluster(trx, id, result.data.name);
        await audit(trx, actor, {
          action: 'rename',
          recordType: CLUSTER_RECORD,
          recordId: id,
          details: { year: cluster.year },
        });
        return { kind: 'saved', id, message: 'Cluster renamed' };
      });
    },

    async addSchools(actor: Actor, id: number, body: unknown): Promise<Outcome> {
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        const cluster = await findCluster(trx, id);
        if (!cluster) return { kind: 'not-found' };
        const result = validate(
          z.object({ schools: schoolsSchema(await schoolChoices(trx, cluster.year), { required: true }) }),
          body ?? {},
        );
        if (!result.ok) return invalid(result);
        await join(trx, actor, id, cluster.year, result.data.schools);
        await audit(trx, actor, {
          action: 'add schools',
          recordType: CLUSTER_RECORD,
          recordId: id,
          details: { year: cluster.year, urns: result.data.schools },
        });
        return { kind: 'saved', id, message: `${plural(result.data.schools.length, 'school')} added` };
      });
    },

    /** Moves a school to another cluster from a date: its row closes that day and a new one opens. */
    async move(actor: Actor, id: number, urn: number, body: unknown): Promise<Outcome> {
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        const cluster = await findCluster(trx, id);
        const membership = cluster && (await openMembership(trx, id, urn));
        if (!cluster || !membership) return { kind: 'not-found' };
        const targets = new Map(
          (await clustersOfYear(trx, cluster.year)).filter((one) => one.id !== id).map((one) => [one.id, one.name]),
        );
        const context = {
          year: cluster.year,
          ...yearBounds(cluster.year),
          joinedOn: membership.joined_on,
          clusterName: cluster.name,
          targets,
        };
        const result = validate(moveSchema(context), withDateInputs(body, ['movedOn']));
        if (!result.ok) return invalid(result);
        const { to, movedOn, reason } = result.data;
        await closeMembership(trx, membership.id, { left_on: movedOn, move_reason: reason, changed_by: actor.userId });
        await insertMembership(trx, {
          cluster_id: to,
          academic_year: cluster.year,
          urn,
          joined_on: movedOn,
          move_reason: reason,
          changed_by: actor.userId,
        });
        await audit(trx, actor, {
          action: 'move school',
          recordType: CLUSTER_RECORD,
          recordId: id,
          details: { year: cluster.year, urn, to, movedOn },
        });
        return { kind: 'saved', id, message: `${membership.name} moved to ${targets.get(to)}` };
      });
    },

    /**
     * Removes a school from its cluster today (or at the year's start or end, for another year).
     * A membership that had not started yet is deleted, as it never took effect.
     */
    async remove(actor: Actor, id: number, urn: number): Promise<Outcome> {
      return db.transaction().execute(async (trx): Promise<Outcome> => {
        const cluster = await findCluster(trx, id);
        const membership = cluster && (await openMembership(trx, id, urn));
        if (!cluster || !membership) return { kind: 'not-found' };
        const on = clampToYear(clock.today(), cluster.year);
        if (membership.joined_on >= on) await deleteMembership(trx, membership.id);
        else await closeMembership(trx, membership.id, { left_on: on, changed_by: actor.userId });
        await audit(trx, actor, {
          action: 'remove school',
          recordType: CLUSTER_RECORD,
          recordId: id,
          details: { year: cluster.year, urn, on },
        });
        return { kind: 'saved', id, message: `${membership.name} removed from the cluster` };
      });
    },
  };
}
