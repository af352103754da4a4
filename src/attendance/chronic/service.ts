// The chronic absence work list [Portsmouth school attendance strategy: "every chronically
// absent child to have a named lead professional and a plan in place", 44% to 100%]: every pupil
// who missed the severe absence threshold (50%) or more of their possible sessions in the period,
// whether they have a lead professional and a plan — an open case in the service counts; one recorded elsewhere can be
// entered here — and the coverage against the target. A school user sees only their own schools.
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { readSetting } from '../../platform/settings/service.ts';
import { validate, type Validated } from '../../platform/validation.ts';
import { dashboardUrns, type AskedPeriod } from '../period/forms.ts';
import { choosePeriod } from '../period/service.ts';
import type { ChosenPeriod } from '../period/rules.ts';
import { percent } from '../measures/rules.ts';
import { attendanceQueries } from '../measures/repository.ts';
import { chronicRepository, saveLead } from './repository.ts';

export type Cover =
  | { kind: 'case'; caseId: number; lead: string }
  | { kind: 'recorded'; lead: string; role: string; hasPlan: boolean }
  | { kind: 'none' };

/** Covered means a lead professional and a plan: an open case, or a recorded lead with a plan. */
export function isCovered(cover: Cover): boolean {
  return cover.kind === 'case' || (cover.kind === 'recorded' && cover.hasPlan);
}

/** Coverage as a percentage of the chronically absent pupils (0 when there are none). */
export function coverage(covers: readonly Cover[]): { covered: number; total: number; pct: number } {
  const covered = covers.filter(isCovered).length;
  return { covered, total: covers.length, pct: percent(covered, covers.length) };
}

const text = (missing: string, name: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${name} must be ${max} characters or fewer`);

export const leadSchema = z
  .object({
    leadName: text('Enter the lead professional’s name', 'Name', 200),
    leadRole: text('Enter the lead professional’s role and organisation', 'Role and organisation', 200),
    hasPlan: z.enum(['yes', 'no'], { message: 'Select whether there is a plan in place' }),
    planSummary: z.string().trim().max(2000, 'The plan summary must be 2,000 characters or fewer').optional(),
  })
  .superRefine((form, ctx) => {
    if (form.hasPlan === 'yes' && !form.planSummary)
      ctx.addIssue({ code: 'custom', message: 'Enter what the plan is', path: ['planSummary'] });
  });

export const CHRONIC_PAGE_SIZE = 50;

export function chronicAbsence(db: Db, clock: Clock) {
  const queries = attendanceQueries(db, clock);
  const repository = chronicRepository(db);

  /** The pupils of the schools (all when undefined) who missed the severe absence threshold or more in the period, with each one's cover. */
  async function withCover(period: ChosenPeriod, year: string, urns: number[] | undefined) {
    const threshold = await readSetting(db, 'severe-absence-percent');
    const all = await queries.pupilsMissingAtLeast(period, threshold, urns);
    const upns = [...new Set(all.map((pupil) => pupil.upn)), ''];
    const [cases, recorded] = await Promise.all([repository.openCasesOf(upns), repository.leadsOf(year, upns)]);
    const coverOf = (pupil: { urn: number; upn: string }): Cover => {
      const kase = cases.find((row) => row.upn === pupil.upn);
      const lead = recorded.find((row) => row.upn === pupil.upn && row.urn === pupil.urn);
      return kase
        ? { kind: 'case', caseId: kase.id, lead: kase.name }
        : lead
          ? { kind: 'recorded', lead: lead.lead_name, role: lead.lead_role, hasPlan: lead.has_plan }
          : { kind: 'none' };
    };
    return { threshold, all, coverOf };
  }

  const target = () => repository.target();

  return {
    /** How many chronically absent pupils have a lead professional and a plan, against the target, without naming them. */
    async coverage(period: ChosenPeriod, year: string, urns: number[] | undefined) {
      const { all, coverOf } = await withCover(period, year, urns);
      return { ...coverage(all.map(coverOf)), target: await target() };
    },

    async list(actor: Actor, user: CurrentUser, asked: AskedPeriod & { page?: number }) {
      const chosen = await choosePeriod(db, clock, user, asked);
      if (!chosen.year) return chosen;
      const { threshold, all, coverOf } = await withCover(chosen.period, chosen.year, chosen.urns);
      const pages = Math.max(1, Math.ceil(all.length / CHRONIC_PAGE_SIZE));
      const page = Math.min(pages, Math.max(1, asked.page ?? 1));
      const shown = all.slice((page - 1) * CHRONIC_PAGE_SIZE, page * CHRONIC_PAGE_SIZE);
      const shownUpns = [...shown.map((pupil) => pupil.upn), ''];
      const [roll, children, schools] = await Promise.all([
        repository.rollNames(chosen.year, shownUpns),
        repository.childNames(shownUpns),
        repository.schools(),
      ]);
      const schoolName = new Map(schools.map((school) => [school.urn, school.name ?? String(school.urn)]));
      const rows = shown.map((pupil) => {
        const named =
          roll.find((row) => row.upn === pupil.upn && row.urn === pupil.urn) ??
          children.find((child) => child.upn === pupil.upn);
        const cover = coverOf(pupil);
        return {
          ...pupil,
          name: named ? `${named.first_name} ${named.last_name}` : undefined,
          schoolName: schoolName.get(pupil.urn)!,
          cover,
          covered: isCovered(cover),
        };
      });
      await audit(db, actor, {
        action: 'view',
        recordType: 'chronic-absence-list',
        details: { year: chosen.year, from: chosen.period.from, to: chosen.period.to, pupils: rows.length, page },
      });
      return {
        ...chosen,
        threshold,
        rows,
        total: all.length,
        page,
        pages,
        coverage: coverage(all.map(coverOf)),
        target: await target(),
      };
    },

    /** Records (or replaces) a lead professional and plan held outside the service for a pupil on the list. */
    async recordLead(
      actor: Actor,
      user: CurrentUser,
      key: { year: string; urn: number; upn: string },
      body: unknown,
    ): Promise<Validated<null> | { ok: 'not-found' }> {
      const urns = dashboardUrns(user);
      if (urns && !urns.includes(key.urn)) return { ok: 'not-found' };
      if (!(await repository.hasMarks(key))) return { ok: 'not-found' };
      const form = validate(leadSchema, body);
      if (!form.ok) return form;
      await db.transaction().execute(async (trx) => {
        const values = {
          lead_name: form.data.leadName,
          lead_role: form.data.leadRole,
          has_plan: form.data.hasPlan === 'yes',
          plan_summary: form.data.hasPlan === 'yes' ? form.data.planSummary! : null,
          recorded_by: user.id,
        };
        await saveLead(trx, key, values, clock.now());
        await audit(trx, actor, {
          action: 'record lead professional',
          recordType: 'pupil',
          recordId: key.upn,
          details: { urn: key.urn, year: key.year, hasPlan: values.has_plan },
        });
      });
      return { ok: true, data: null };
    },
  };
}
