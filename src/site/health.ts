import { sql } from 'kysely';
import type { RouteTable } from '../platform/permissions.ts';
import type { Services } from '../services.ts';

export function healthRoutes(routes: RouteTable, { db }: Services) {
  routes.get('/health', 'public', async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
      res.json({ status: 'UP', database: 'UP' });
    } catch {
      res.status(503).json({ status: 'DOWN', database: 'DOWN' });
    }
  });
}
