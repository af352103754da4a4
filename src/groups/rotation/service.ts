/**
 * The year's rotation of clusters over the half terms (Havering SEMH Team proposal): reading the saved
 * rotation (with the repeated half terms worked out again, see rules.ts) and generating it.
 * Generating replaces the year's rows and writes the audit row in one transaction.
 */
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { clustersOfYear, membershipsOfYear } from '../clusters/repository.ts';
import { schoolsDuring } from '../clusters/rules.ts';
import { halfTermsOf } from '../repository.ts';
import { replaceRotation, rotationFor } from './repository.ts';
import { nextYearOf, yearLabelOf } from '../rules.ts';
import {
  OVERFLOWS,
  orderClusters,
  parseOrder,
  planRotation,
  storedSlots,
  type Overflow,
  type RotationPlan,
  type RotationSlot,
} from './rules.ts';

export const ROTATION_RECORD = 'group-rotation';

/** Replaces the year's rotation with the plan's slots (the first round only), audited, in one transaction. */
export async function saveRotation(
  db: Db,
  actor: Actor,
  year: string,
  plan: Extract<RotationPlan, { ok: true }>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rows = storedSlots(plan.slots).flatMap((slot) =>
      slot.clusters.map((cluster) => ({
        academic_year: year,
        position: slot.position,
        cluster_id: cluster.id,
        term_name: slot.termName,
        starts_on: slot.startsOn,
        ends_on: slot.endsOn,
        created_by: actor.userId,
      })),
    );
    const replaced = await replaceRotation(trx, year, rows);
    await audit(trx, actor, {
      action: 'generate',
      recordType: ROTATION_RECORD,
      recordId: year,
      details: {
        clusters: rows.length,
        halfTerms: plan.slots.length,
        replaced,
        cycled: plan.cycled,
        overflow: plan.overflow ?? null,
      },
    });
  });
}

export type GenerateOutcome =
  | { kind: 'saved'; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors; order: number[]; overflow?: string };

export function rotationService(db: Db) {
  /** The year's clusters (with their schools now) in the order asked for, or the saved order. */
  async function ordered(year: string, requested?: readonly number[]) {
    const clusters = await clustersOfYear(db, year);
    const saved = await rotationFor(db, year);
    const order = orderClusters(
      clusters,
      saved.filter((slot) => !slot.repeat).flatMap((slot) => slot.clusters.map((cluster) => cluster.id)),
      requested,
    );
    return { clusters, saved, order };
  }

  async function planFor(year: string, order: readonly { id: number; name: string }[], overflow?: Overflow) {
    const nextYear = nextYearOf(year);
    return planRotation({
      year,
      nextYear,
      halfTerms: await halfTermsOf(db, year),
      nextHalfTerms: await halfTermsOf(db, nextYear),
      clusters: order,
      overflow,
    });
  }

  return {
    /** What the rotation page shows: the saved rotation, the clusters in order, and what generating them would give. */
    async page(year: string, requestedOrder?: unknown) {
      const { clusters, saved, order } = await ordered(year, parseOrder(requestedOrder));
      const halfTerms = await halfTermsOf(db, year);
      const preview = await planFor(year, order);
      const schoolsOf = new Map(clusters.map((cluster) => [cluster.id, cluster.schools]));
      const members = await membershipsOfYear(db, year);
      // Each half term shows the schools in its cluster at any time during it.
      const withSchools = (slot: RotationSlot) => ({
        ...slot,
        termYearLabel: yearLabelOf(slot.termYear),
        clusters: slot.clusters.map((cluster) => ({
          ...cluster,
          schools: schoolsDuring(members, cluster.id, slot.startsOn, slot.endsOn),
        })),
      });
      const savedOrder = saved
        .filter((slot) => !slot.repeat)
        .flatMap((slot) => slot.clusters.map((cluster) => cluster.id));
      return {
        year,
        yearLabel: yearLabelOf(year),
        nextYear: yearLabelOf(nextYearOf(year)),
        halfTerms,
        saved: saved.map(withSchools),
        order: order.map((cluster) => ({ ...cluster, schools: schoolsOf.get(cluster.id) ?? [] })),
        orderChanged: saved.length > 0 && order.map((cluster) => cluster.id).join(',') !== savedOrder.join(','),
        preview,
        tooMany: !preview.ok && preview.problem === 'too-many',
      };
    },

    /** Generates and saves the year's rotation from the clusters in the order sent, or says what is wrong. */
    async generate(actor: Actor, year: string, body: Record<string, unknown>): Promise<GenerateOutcome> {
      const requested = parseOrder(body.order) ?? [];
      const { clusters, order } = await ordered(year, requested);
      const overflow = OVERFLOWS.find((choice) => choice === body.overflow);
      const refuse = (field: string, text: string): GenerateOutcome => ({
        kind: 'invalid',
        errors: [{ text, href: `#${field}` }],
        fieldErrors: { [field]: { text } },
        order: order.map((cluster) => cluster.id),
        overflow,
      });
      const sameClusters =
        requested.length === clusters.length && order.every((cluster, index) => cluster.id === requested[index]);
      if (!sameClusters)
        return refuse(
          'order',
          `The clusters in ${yearLabelOf(year)} have changed since the page was shown: check the order and generate the rotation again`,
        );
      const plan = await planFor(year, order, overflow);
      if (!plan.ok)
        return refuse(
          ['too-many', 'no-next-half-terms', 'too-many-to-spill'].includes(plan.problem) ? 'overflow' : 'order',
          plan.message,
        );
      await saveRotation(db, actor, year, plan);
      return { kind: 'saved', message: `Rotation for ${yearLabelOf(year)} saved: ${plan.slots.length} half terms` };
    },
  };
}
