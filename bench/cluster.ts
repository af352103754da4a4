// Several service processes behind one port, with Node's `cluster` module: the primary forks
// HUB_PROCESSES workers, each running src/server.ts on PORT (the primary hands out connections
// in turn), and prints "all N listening" once every worker listens. SIGTERM stops every worker
// the way the service stops; a worker that dies on its own stops the whole launcher.
// Only for a database several processes can share (a PostgreSQL server), on a database the
// service has already set up: two processes must not both create the demo borough.
import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const processes = Number(process.env.HUB_PROCESSES ?? 2);
const server = fileURLToPath(new URL('../src/server.ts', import.meta.url));

cluster.setupPrimary({ exec: server });
const workers: Worker[] = [];
let listening = 0;
let stopping = false;

for (let n = 0; n < processes; n++) {
  const worker = cluster.fork();
  workers.push(worker);
  worker.once('listening', () => {
    if (++listening === processes) console.log(`all ${processes} listening`);
  });
  worker.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`a service process stopped on its own (${code ?? signal}): stopping the others`);
    void stop(1);
  });
}

async function stop(code: number): Promise<void> {
  stopping = true;
  const running = workers.filter((worker) => !worker.isDead());
  await Promise.all(
    running.map((worker) => {
      const exited = once(worker, 'exit');
      worker.process.kill('SIGTERM');
      return exited;
    }),
  );
  process.exit(code);
}

process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(0));
