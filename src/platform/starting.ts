// Loaded before the rest of the service (src/server.ts), so it imports nothing but Node's own modules.
import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * What the server answers while the service starts (the database opening, migrating, the demo
 * being built): `/health/live` is 200 as soon as the process listens; `/health/ready` and
 * `/health` are 503, and every page asks the visitor to try again in a moment. Once `open` is
 * given the web application, every request goes to it.
 */
export function startingGate() {
  let app: RequestListener | undefined;
  const handle: RequestListener = (req, res) => {
    if (app) return app(req, res);
    const path = (req.url ?? '/').split('?')[0];
    res.setHeader('Cache-Control', 'no-store');
    if (path.startsWith('/health')) {
      const live = path === '/health/live' || path === '/health/live/';
      res.writeHead(live ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(live ? { status: 'UP' } : { status: 'DOWN', database: 'STARTING' }));
      return;
    }
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '2' });
    res.end(STARTING_PAGE);
  };
  return {
    handle,
    open(next: RequestListener) {
      app = next;
    },
  };
}

const STARTING_PAGE = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>Starting – Inclusion Hub</title></head>
<body><main><h1>Inclusion Hub is starting</h1><p>This page will open in a few seconds.</p></main></body>
</html>
`;

export type StartingGate = ReturnType<typeof startingGate>;

/** Listens on the port with the gate: resolves once the server takes connections. */
export function listenWith(gate: StartingGate, port: number): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const server = createServer(gate.handle);
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
