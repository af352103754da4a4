// The annual allocation plan (Havering SEMH Team proposal; Havering schools forum report 2024-25): a team manager sets the capacity, the core offer,
// which schools are in the offer and the share kept for groups; every school in the offer gets
// its core cases and the rest is shared by vulnerability (see rules.ts). Plans are saved as
// versions; the team manager approves one; a change after approval needs a reason. Every save
// and approval is audited in the same transaction.
//
// Ranks: the vulnerability table ranks every school with figures together. The plan keeps only
// the schools in scope and numbers them again 1, 2, 3 … within that set, in the same order, so
// rank 1 in the plan is the most vulnerable school in the offer.
//
// "Allocated so far" counts the school's cases allocated to a practitioner in the academic year.
//
// Scores use the year's vulnerability method (../methods); the what-if form may try other
// weights, and a saved plan keeps the method it was worked out with.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { figuresForYear } from '../../schools/figures/repository.ts';
import { allocateQuotas, type QuotaRow, type SmallGroupRule } from './rules.ts';
import type { PlanInputs, PlanScope } from './forms.ts';
import { quotaIn, type Quota } from '../queue/repository.ts';
import { vulnerabilityTable, type VulnerabilityMethod } from '../vulnerability/rules.ts';
import { methodFor } from '../methods/service.ts';
import { planMethodProblem, tidyMethod } from '../methods/rules.ts';
import {
  casesPerSchool,
  hasNewerVersion,
  insertPlan,
  lockedPlan,
  lockedVersionsOf,
  markApproved,
  planRowsOf,
  supersedeApproved,
} from './repository.ts';

/** One school's line in a plan, as saved. */
export interface PlanRow extends QuotaRow {
  name: string;
  smallGroup: boolean;
}

export interface SavedPlan {
  id: number;
  year: string;
  version: number;
  status: 'draft' | 'approved' | 'superseded';
  inputs: PlanInputs;
  rows: PlanRow[];
  createdBy: string | null;
  createdAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  changeReason: string | null;
  /** The vulnerability method the quotas were worked out with; null for plans saved before it was kept. */
  method: VulnerabilityMethod | null;
}

const inScope = (scope: PlanScope, school: { phase: string; maintained: boolean }) =>
  scope === 'all' || (school.maintained && (scope === 'maintained' || school.phase === 'Primary'));

export type WhatIf =
  | {
      ok: true;
      rows: (PlanRow & { saved: number | null; change: number | null })[];
      individualCapacity: number;
      coreTotal: number;
      weightedTotal: number;
      latest: SavedPlan | undefined;
      method: VulnerabilityMethod;
    }
  | { ok: false; errors: ErrorItem[]; unmet: string[]; latest: SavedPlan | undefined; method: VulnerabilityMethod };

export type SaveResult =
  | { kind: 'saved'; plan: SavedPlan }
  | { kind: 'problem'; errors: ErrorItem[]; fieldErrors: FieldErrors; whatIf: WhatIf };
export type ApproveResult =
  { kind: 'approved'; year: string; version: number } | { kind: 'not-found' } | { kind: 'problem'; message: string };

export const REASON_REQUIRED = 'Enter the reason for changing an approved plan';

export function plansService(db: Db, clock: Clock) {
  async function list(year: string): Promise<SavedPlan[]> {
    const rows = await planRowsOf(db, year);
    return rows.map((row) => ({
      id: row.id,
      year: row.academic_year,
      version: row.version,
      status: row.status as SavedPlan['status'],
      inputs: {
        capacity: row.capacity,
        coreOffer: row.core_offer,
        groupShare: Number(row.group_share),
        scope: row.scope as PlanScope,
        smallGroups: row.small_groups as SmallGroupRule,
      },
      rows: row.rows as PlanRow[],
      createdBy: row.created_by_name,
      createdAt: row.created_at,
      approvedBy: row.approved_by_name,
      approvedAt: row.approved_at,
      changeReason: row.change_reason,
      method: row.method as VulnerabilityMethod | null,
    }));
  }

  /** Quotas for the inputs over the year's vulnerability ranks (with the weights tried, if any), beside the latest saved plan. */
  async function whatIf(year: string, inputs: PlanInputs): Promise<WhatIf> {
    const latest = (await list(year))[0];
    const yearMethod = (await methodFor(db, year)).method;
    const method = inputs.weights ? tidyMethod({ ...yearMethod, weights: inputs.weights }) : yearMethod;
    const methodProblem = planMethodProblem(year, method);
    if (methodProblem) return { ok: false, errors: [methodProblem], unmet: [], latest, method };
    const figures = await figuresForYear(db, year);
    const byUrn = new Map(figures.map((school) => [school.urn, school]));
    const eligible = vulnerabilityTable(figures, method)
      .filter((row) => inScope(inputs.scope, byUrn.get(row.urn)!))
      .map((row, i) => ({ urn: row.urn, score: row.score, rank: i + 1, eligible: true }));
    const result = allocateQuotas({ ...inputs, schools: eligible });
    const nameOf = (urn: number) => byUrn.get(urn)?.name ?? `URN ${urn}`;
    if (!result.ok) {
      const errors = result.problems.map((text) => ({ text, href: '#capacity' }));
      if (eligible.length === 0)
        errors.splice(0, errors.length, {
          text: `There are no census figures for ${year} for the schools in the offer`,
          href: '#scope',
        });
      return { ok: false, errors, unmet: (result.shortfall?.unmetSchools ?? []).map(nameOf), latest, method };
    }
    const small = new Set(result.smallGroupSchools);
    const saved = new Map((latest?.rows ?? []).map((row) => [row.urn, row.total]));
    const rows = result.rows.map((row) => {
      const before = latest ? (saved.get(row.urn) ?? 0) : null;
      return {
        ...row,
        name: nameOf(row.urn),
        smallGroup: small.has(row.urn),
        saved: before,
        change: before === null ? null : row.total - before,
      };
    });
    return {
      ok: true,
      rows,
      individualCapacity: result.individualCapacity,
      coreTotal: result.coreTotal,
      weightedTotal: result.weightedTotal,
      latest,
      method,
    };
  }

  return {
    list,
    whatIf,

    /** Cases allocated per school in the year (closed cases still count: the quota is per year). */
    allocatedSoFar: (year: string): Promise<Map<number, number>> => casesPerSchool(db, year),

    /** A school's quota in the year's approved plan, with the cases used and remaining. */
    quotaFor: (year: string, urn: number): Promise<Quota | undefined> => quotaIn(db, year, urn),

    /** Audits a download of a saved plan. */
    recordExport: (actor: Actor, plan: Pick<SavedPlan, 'id' | 'year' | 'version'>, format: string, rows: number) =>
      audit(db, actor, {
        action: 'export',
        recordType: 'allocation-plan',
        recordId: plan.id,
        details: { format, year: plan.year, version: plan.version, rows },
      }),

    /** Saves the inputs' quotas as a new draft version; a change to an approved plan needs a reason. */
    async save(actor: Actor, year: string, inputs: PlanInputs, reason?: string): Promise<SaveResult> {
      const proposal = await whatIf(year, inputs);
      if (!proposal.ok) return { kind: 'problem', errors: proposal.errors, fieldErrors: {}, whatIf: proposal };
      const changeReason = reason?.trim() || null;
      const outcome = await db.transaction().execute(async (trx) => {
        const versions = await lockedVersionsOf(trx, year);
        if (versions.some((v) => v.status === 'approved') && !changeReason) return undefined;
        const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
        const rows = proposal.rows.map(({ urn, name, rank, score, core, weighted, total, smallGroup }) => ({
          urn,
          name,
          rank,
          score,
          core,
          weighted,
          total,
          smallGroup,
        }));
        const id = await insertPlan(trx, {
          academic_year: year,
          version,
          capacity: inputs.capacity,
          core_offer: inputs.coreOffer,
          group_share: inputs.groupShare,
          scope: inputs.scope,
          small_groups: JSON.stringify(inputs.smallGroups),
          rows: JSON.stringify(rows),
          created_by: actor.userId,
          change_reason: changeReason,
          method: JSON.stringify(proposal.method),
        });
        await audit(trx, actor, {
          action: 'create',
          recordType: 'allocation-plan',
          recordId: id,
          details: { year, version, ...inputs, method: proposal.method, reason: changeReason },
        });
        return id;
      });
      if (outcome === undefined) {
        const error = { text: REASON_REQUIRED, href: '#reason' };
        return {
          kind: 'problem',
          errors: [error],
          fieldErrors: { reason: { text: REASON_REQUIRED } },
          whatIf: proposal,
        };
      }
      return { kind: 'saved', plan: (await list(year)).find((plan) => plan.id === outcome)! };
    },

    /** Approves the latest version of its year; the version approved before it is superseded. */
    async approve(actor: Actor, planId: number): Promise<ApproveResult> {
      return db.transaction().execute(async (trx) => {
        const plan = await lockedPlan(trx, planId);
        if (!plan) return { kind: 'not-found' } as const;
        if (plan.status !== 'draft')
          return {
            kind: 'problem',
            message: `Version ${plan.version} is ${plan.status}: only a draft can be approved`,
          } as const;
        if (await hasNewerVersion(trx, plan.academic_year, plan.version))
          return {
            kind: 'problem',
            message: `Version ${plan.version} is not the latest version: approve the latest version instead`,
          } as const;
        const superseded = await supersedeApproved(trx, plan.academic_year);
        await markApproved(trx, planId, actor.userId, clock.now());
        await audit(trx, actor, {
          action: 'approve',
          recordType: 'allocation-plan',
          recordId: planId,
          details: {
            year: plan.academic_year,
            version: plan.version,
            superseded,
          },
        });
        return { kind: 'approved', year: plan.academic_year, version: plan.version } as const;
      });
    },
  };
}

export type PlansService = ReturnType<typeof plansService>;
