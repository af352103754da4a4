// Runs the embedded PostgreSQL (PGlite) on its own thread. The web process talks to it with the
// same `pg` driver it uses for a real server, but the PostgreSQL protocol travels over this
// thread's message port, never over a network socket: nothing outside the service's own process
// can connect to it (src/db/embedded-stream.ts; docs/decisions/0001-embedded-postgres-in-a-worker.md).
import { parentPort, workerData } from 'node:worker_threads';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { splitMessages, TERMINATE } from './wire-frames.ts';
import type { FromWorker, ToWorker } from './embedded-messages.ts';

interface Options {
  dataDir?: string;
  loadFrom?: string;
  /** PostgreSQL's WebAssembly, already compiled by the process (src/db/embedded.ts). */
  pgliteWasmModule?: WebAssembly.Module;
}

const options = workerData as Options;
const loadDataDir = options.loadFrom ? new Blob([await readFile(options.loadFrom)]) : undefined;
const db = await PGlite.create({
  dataDir: options.dataDir,
  loadDataDir,
  pgliteWasmModule: options.pgliteWasmModule,
});
const port = parentPort!;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

interface Conversation {
  /** Bytes received that do not yet make a whole message. */
  rest: Buffer;
  started: boolean;
}

const conversations = new Map<number, Conversation>();
const queue: { connection: number; messages: Uint8Array[] }[] = [];
/** The connection that ran last: while its transaction is open, the others wait. */
let owner: number | undefined;
let running = false;

/** Sends the database's answer as one buffer of its own, moved to the web process, not copied. */
function answer(connection: number, chunks: Uint8Array[]) {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  if (length === 0) return;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  post({ type: 'data', connection, bytes }, [bytes.buffer]);
}

function nextTurn() {
  if (owner !== undefined && db.isInTransaction()) {
    const index = queue.findIndex((item) => item.connection === owner);
    return index === -1 ? undefined : queue.splice(index, 1)[0];
  }
  return queue.shift();
}

async function drain() {
  if (running) return;
  running = true;
  try {
    for (let turn = nextTurn(); turn; turn = nextTurn()) {
      const out: Uint8Array[] = [];
      try {
        for (const message of turn.messages) {
          // PGlite lends its own memory for the answer: keep a copy.
          await db.runExclusive(() =>
            db.execProtocolRawStream(message, { onRawData: (data) => out.push(data.slice()) }),
          );
        }
        owner = turn.connection;
        answer(turn.connection, out);
      } catch (error) {
        post({ type: 'failed', connection: turn.connection, message: (error as Error).message });
        await forget(turn.connection);
      }
    }
  } finally {
    running = false;
  }
}

/** Ends a connection: its waiting messages are dropped and its open transaction rolled back. */
async function forget(connection: number) {
  conversations.delete(connection);
  for (let i = queue.length - 1; i >= 0; i--) if (queue[i].connection === connection) queue.splice(i, 1);
  if (owner === connection) {
    owner = undefined;
    if (db.isInTransaction()) await db.exec('ROLLBACK');
  }
}

function receive(connection: number, bytes: Uint8Array) {
  const conversation = conversations.get(connection) ?? { rest: Buffer.alloc(0), started: false };
  conversations.set(connection, conversation);
  const incoming = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const frames = splitMessages(
    conversation.rest.length ? Buffer.concat([conversation.rest, incoming]) : incoming,
    conversation.started,
  );
  conversation.rest = frames.rest;
  conversation.started = frames.started;
  // The driver is told that no encryption is offered: the conversation never leaves this process.
  if (frames.sslRequested) answer(connection, [Buffer.from('N')]);
  const terminate = frames.messages.findIndex((message) => message[0] === TERMINATE && frames.started);
  const messages = terminate === -1 ? frames.messages : frames.messages.slice(0, terminate);
  if (messages.length > 0) queue.push({ connection, messages });
  void drain().then(() => (terminate === -1 ? undefined : forget(connection).then(drain)));
}

port.on('message', async (message: ToWorker) => {
  try {
    if (message.type === 'data') receive(message.connection, message.bytes);
    else if (message.type === 'close') await forget(message.connection).then(drain);
    else if (message.type === 'dump') {
      const dump = await db.dumpDataDir('none');
      await writeFile(message.path, Buffer.from(await dump.arrayBuffer()));
      post({ type: 'dumped' });
    } else if (message.type === 'stop') {
      await db.close();
      post({ type: 'stopped' });
    }
  } catch (error) {
    const failed = message.type === 'data' || message.type === 'close';
    post(
      failed
        ? { type: 'failed', connection: message.connection, message: (error as Error).message }
        : { type: 'error', message: (error as Error).message },
    );
  }
});

post({ type: 'ready' });
