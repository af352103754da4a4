import { z } from 'zod';
import type { RouteTable } from '../platform/permissions.ts';
import type { Role } from '../platform/roles.ts';
import { actorOf } from '../platform/auth/routes.ts';
import { audit } from '../platform/audit/audit.ts';
import { TABLE_FORMATS, sendTable } from '../platform/xlsx-export.ts';
import type { Services } from '../services.ts';
import { PHASES } from '../schools/repository.ts';
import { FACTORS, factorsUsed, type FactorCode } from './vulnerability.ts';
import type { VulnerabilityView } from './service.ts';
import { summariseMethod } from './methods.ts';
import { METHOD_EDITORS, methodRoutes } from './method-routes.ts';
import { publishedRoutes } from './published-routes.ts';

export const ALLOCATION_READERS: readonly Role[] = ['team_manager', 'triage_manager', 'analyst', 'admin'];

/** Which census column holds each factor, so generated demo values can be labelled. */
const DEMO_COLUMN: Record<FactorCode, string[]> = {
  sen: ['sen_support', 'ehcp'],
  lac: ['looked_after'],
  mobility: ['mobility'],
  eal: ['eal'],
  fsm: ['fsm'],
};

const querySchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}\/\d{2}$/)
    .optional()
    .catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
});

const round = (value: number | null, places = 3) =>
  value == null ? null : Math.round(value * 10 ** places) / 10 ** places;

/** The table's download: rank, school, score and each factor's value, scaled value and contribution. */
function exportOf(view: VulnerabilityView) {
  const codes = factorsUsed(view.method);
  const header = [
    'rank',
    'urn',
    'school',
    'phase',
    'score',
    ...codes.flatMap((code) => [`${code}_value`, `${code}_normalised`, `${code}_contribution`]),
  ];
  const rows = view.rows.map((row) => [
    row.rank,
    row.urn,
    row.name,
    row.phase,
    round(row.score, 4),
    ...codes.flatMap((code) => {
      const factor = row.factors[code]!;
      return [round(factor.value, 2) ?? 'unknown', round(factor.normalised, 4) ?? '', round(factor.contribution, 4)];
    }),
  ]);
  return { header, rows };
}

/** What the pages say about the year's method, and whether the user may change it. */
export function methodNote(yearMethod: VulnerabilityView['yearMethod'], roles: readonly Role[]) {
  return {
    summary: summariseMethod(yearMethod.method),
    isDefault: yearMethod.isDefault,
    updatedBy: yearMethod.updatedBy,
    updatedOn: yearMethod.updatedAt?.toISOString().slice(0, 10),
    canChange: roles.some((role) => METHOD_EDITORS.includes(role)),
  };
}

export function allocationRoutes(routes: RouteTable, services: Services) {
  const { vulnerability, db } = services;

  routes.get('/allocation/vulnerability', ALLOCATION_READERS, async (req, res) => {
    const query = querySchema.parse(req.query);
    const view = await vulnerability.table(query.year);
    const factors = FACTORS.filter((factor) => factorsUsed(view.method).includes(factor.code));
    const rows = view.rows
      .filter((row) => !query.phase || row.phase === query.phase)
      .map((row) => ({
        ...row,
        cells: factors.map((factor) => ({
          value: round(row.factors[factor.code]!.value, 1),
          normalised: round(row.factors[factor.code]!.normalised),
          contribution: round(row.factors[factor.code]!.contribution),
          demo: DEMO_COLUMN[factor.code].some((column) => (row.demoFields as string[]).includes(column)),
        })),
      }));
    const top = view.rows[0]?.score || 1;
    res.render('allocation/vulnerability', {
      title: 'Vulnerability table',
      ...view,
      rows,
      factors,
      phases: PHASES,
      phase: query.phase,
      methodNote: methodNote(view.yearMethod, res.locals.user.roles),
      // Only the 0-to-1 scale is described as such; the others are labelled by name.
      scaleText: view.method.normalisation === 'min-max' ? 'its scaled value (0 to 1)' : 'its scaled value',
      bars: rows.slice(0, 20).map((row) => ({
        name: row.name,
        score: round(row.score),
        width: Math.max(0, Math.round((row.score / top) * 100)),
      })),
    });
  });

  routes.get('/allocation/vulnerability/method', ALLOCATION_READERS, async (req, res) => {
    const year = await vulnerability.methodYear(querySchema.parse(req.query).year);
    const yearMethod = await vulnerability.method(year);
    const { sentences } = vulnerability.describe(yearMethod.method);
    res.render('allocation/method', {
      title: 'How the vulnerability score works',
      year,
      sentences,
      methodNote: methodNote(yearMethod, res.locals.user.roles),
    });
  });

  for (const format of TABLE_FORMATS) {
    routes.get(`/allocation/vulnerability.${format}`, ALLOCATION_READERS, async (req, res) => {
      const view = await vulnerability.table(querySchema.parse(req.query).year);
      const table = exportOf(view);
      await audit(db, actorOf(req, res), {
        action: 'export',
        recordType: 'vulnerability-table',
        recordId: view.year,
        details: { format, rows: table.rows.length },
      });
      await sendTable(res, {
        ...table,
        filename: `vulnerability-table-${view.year.replace('/', '-')}`,
        sheet: `Vulnerability ${view.year.replace('/', '-')}`,
        format,
      });
    });
  }

  methodRoutes(routes, services);
  publishedRoutes(routes, services, ALLOCATION_READERS);
}
