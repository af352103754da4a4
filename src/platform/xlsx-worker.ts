// Reads one uploaded workbook off the web server's thread (see xlsx-import.ts), within the
// memory the thread was given, and posts back its records or why it was refused.
import { parentPort, workerData } from 'node:worker_threads';
import { readWorkbookRecords, type XlsxLimits } from './xlsx-rows.ts';

const { input, limits } = workerData as { input: Uint8Array; limits: XlsxLimits };
parentPort!.postMessage(
  await readWorkbookRecords(Buffer.from(input.buffer, input.byteOffset, input.byteLength), limits),
);
