import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import type { RouteTable } from '../platform/permissions.ts';
import type { Role } from '../platform/roles.ts';
import { actorOf } from '../platform/auth/routes.ts';
import { audit } from '../platform/audit/audit.ts';
import type { Services } from '../services.ts';
import { PHASES } from '../schools/repository.ts';
import { FACTORS, factorsUsed, type FactorCode } from './vulnerability.ts';

export const ALLOCATION_READERS: readonly Role[] = ['team_manager', 'triage_manager', 'analyst', 'admin'];

/** Which census column holds each factor, so generated demo values can be labelled. */
const DEMO_COLUMN: Record<FactorCode, string[]> = { sen: ['sen_support', 'ehcp'], lac: ['looked_after'], mobility: ['mobility'], eal: ['eal'], fsm: ['fsm'] };

const querySchema = z.object({
  year: z.string().regex(/^\d{4}\/\d{2}$/).optional().catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
});

const round = (value: number | null, places = 3) => (value == null ? null : Math.round(value * 10 ** places) / 10 ** places);

export function allocationRoutes(routes: RouteTable, { vulnerability, db }: Services) {
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
      bars: rows.slice(0, 20).map((row) => ({ name: row.name, score: round(row.score), width: Math.round((row.score / top) * 100) })),
    });
  });

  routes.get('/allocation/vulnerability/method', ALLOCATION_READERS, (_req, res) => {
    const { sentences } = vulnerability.describe();
    res.render('allocation/method', { title: 'How the vulnerability score works', sentences });
  });

  routes.get('/allocation/vulnerability.csv', ALLOCATION_READERS, async (req, res) => {
    const query = querySchema.parse(req.query);
    const view = await vulnerability.table(query.year);
    const codes = factorsUsed(view.method);
    const header = ['rank', 'urn', 'school', 'phase', 'score', ...codes.flatMap((code) => [`${code}_value`, `${code}_normalised`, `${code}_contribution`])];
    const lines = view.rows.map((row) => [
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
    await audit(db, actorOf(req, res), { action: 'export', recordType: 'vulnerability-table', recordId: view.year, details: { format: 'csv', rows: lines.length } });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="vulnerability-table-${view.year.replace('/', '-')}.csv"`);
    res.send(stringify([header, ...lines]));
  });
}
