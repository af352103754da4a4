import type { RouteTable } from '../platform/permissions.ts';
import type { Services } from '../services.ts';

/**
 * Health checks for a load balancer or monitoring, public and without personal data:
 * - `/health/live`: the process answers (no database): restart it if this fails;
 * - `/health/ready`: the database answers and has run every migration this version has: send
 *   it requests only while this is 200 (503 otherwise, saying which part is not ready);
 * - `/health`: the database answers (kept for existing monitors).
 */
export function healthRoutes(routes: RouteTable, { health }: Services) {
  routes.get('/health', 'public', async (_req, res) => {
    if (await health.databaseAnswers()) res.json({ status: 'UP', database: 'UP' });
    else res.status(503).json({ status: 'DOWN', database: 'DOWN' });
  });

  routes.get('/health/live', 'public', (_req, res) => {
    res.json({ status: 'UP' });
  });

  routes.get('/health/ready', 'public', async (_req, res) => {
    let state;
    try {
      state = await health.migrationState();
    } catch {
      res.status(503).json({ status: 'DOWN', database: 'DOWN', migrations: 'UNKNOWN' });
      return;
    }
    const migrated = state.pending.length === 0;
    res.status(migrated ? 200 : 503).json({
      status: migrated ? 'UP' : 'DOWN',
      database: 'UP',
      migrations: migrated ? 'UP' : 'PENDING',
      pending: state.pending,
    });
  });
}
