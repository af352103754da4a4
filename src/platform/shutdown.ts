import type { Server } from 'node:http';

/** How long requests in flight are given to finish when the service is asked to stop. */
export const SHUTDOWN_WAIT_MS = 10_000;

/**
 * Stops taking new connections and lets the requests in flight finish: a connection is closed as
 * soon as it is idle (between keep-alive requests). After `waitMs` whatever is left is cut off.
 * Resolves with how many connections had to be cut off.
 */
export async function closeServer(server: Server, waitMs = SHUTDOWN_WAIT_MS): Promise<{ cutOff: number }> {
  let open = 0;
  server.getConnections((error, count) => (open = error ? 0 : count));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
  try {
    server.closeIdleConnections();
    if ((await Promise.race([closed, late])) !== 'late') return { cutOff: 0 };
    server.getConnections((error, count) => (open = error ? 0 : count));
    server.closeAllConnections();
    await closed;
    return { cutOff: open };
  } finally {
    clearInterval(idle);
    clearTimeout(timer);
  }
}
