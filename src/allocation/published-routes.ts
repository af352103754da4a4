// The vulnerability table as schools see it, when the authority chooses to publish it
// ('publish-vulnerability-table'): every school's rank, phase and score, the user's own school
// marked. Staff who read the table see the same page, to check what schools would see.
import { z } from 'zod';
import type { RouteTable } from '../platform/permissions.ts';
import type { Role } from '../platform/roles.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { Services } from '../services.ts';

const querySchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}\/\d{2}$/)
    .optional()
    .catch(undefined),
});

export function publishedRoutes(routes: RouteTable, { vulnerability, settings }: Services, readers: readonly Role[]) {
  routes.get('/allocation/published', ['school_user', ...readers], async (req, res) => {
    const user = res.locals.user;
    const published = (await settings.get('publish-vulnerability-table')) === 'yes';
    const isReader = user.roles.some((role: Role) => readers.includes(role));
    if (!published && !isReader) throw new NotFoundError();
    const view = await vulnerability.table(querySchema.parse(req.query).year);
    const own = new Set<number>(user.roles.includes('school_user') ? user.schoolUrns : []);
    const rows = view.rows.map((row) => ({
      rank: row.rank,
      urn: row.urn,
      name: row.name,
      phase: row.phase,
      score: Math.round(row.score * 1000) / 1000,
      noFigures: row.noFigures,
      own: own.has(row.urn),
    }));
    res.render('allocation/published', {
      title: `Schools’ vulnerability ranks ${view.year}`,
      year: view.year,
      years: view.years,
      rows,
      ownRows: rows.filter((row) => row.own),
      published,
      sentences: vulnerability.describe(view.method).sentences,
    });
  });
}
