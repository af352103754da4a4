// Runs the embedded PostgreSQL (PGlite) on its own thread and serves it over the
// PostgreSQL wire protocol on a loopback port, so that the web process talks to it
// with the same `pg` driver it uses for a real server and its event loop never stalls.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface Options {
  dataDir?: string;
  loadFrom?: string;
}

const options = workerData as Options;
const loadDataDir = options.loadFrom ? new Blob([await readFile(options.loadFrom)]) : undefined;
const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir });
const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
await server.start();
const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
parentPort!.postMessage({ type: 'ready', port: address.port });

parentPort!.on('message', async (message: { type: string; path?: string }) => {
  try {
    if (message.type === 'dump' && message.path) {
      const dump = await db.dumpDataDir('none');
      await writeFile(message.path, Buffer.from(await dump.arrayBuffer()));
      parentPort!.postMessage({ type: 'dumped' });
    } else if (message.type === 'stop') {
      await server.stop();
      await db.close();
      parentPort!.postMessage({ type: 'stopped' });
    }
  } catch (error) {
    parentPort!.postMessage({ type: 'error', message: (error as Error).message });
  }
});
