/**
 * Reading an uploaded Excel workbook (.xlsx) into the same numbered records as a CSV file
 * (see csv-import.ts), so an import checks either the same way. Only the first worksheet is
 * read; rows keep the numbers Excel shows, so problems point at the right row.
 *
 * A workbook is a zip archive, and a small one can unzip to gigabytes. So it is read in a
 * worker thread with a memory cap and a time limit (two at a time, the others waiting their
 * turn), unzipped within limits and read a row at a time (xlsx-rows.ts): one bad file is
 * refused with a message saying why and cannot take the service down.
 */
import { Worker } from 'node:worker_threads';
import { MAX_FILE_BYTES, TOO_LARGE, readCsvRecords, refuse, type Records } from './csv-import.ts';
import { NOT_A_WORKBOOK, XLSX_LIMITS, type XlsxLimits } from './xlsx-rows.ts';

export { NOT_A_WORKBOOK } from './xlsx-rows.ts';

export interface XlsxOptions extends XlsxLimits {
  /** The most memory (MB) the worker thread may use for its objects. */
  memoryMb: number;
  /** How long reading may take before the file is refused. */
  timeoutMs: number;
}

/** A workbook of 50,000 rows by 16 columns reads within 64 MB; one that needs five times that is refused. */
export const XLSX_OPTIONS: XlsxOptions = { ...XLSX_LIMITS, memoryMb: 320, timeoutMs: 120_000 };

const SAVE_SMALLER = 'Save it with fewer rows or columns, or as a CSV file, and upload it again';
export const WORKBOOK_NEEDS_TOO_MUCH_MEMORY = `The file is too large to read once unzipped. ${SAVE_SMALLER}`;
export const WORKBOOK_TOO_SLOW = `The file took too long to read. ${SAVE_SMALLER}`;

/** Workbooks read at once; each reader has a core to itself on a two-core server. */
const READERS = 2;
let reading = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(task: () => Promise<T>): Promise<T> {
  if (reading < READERS) reading++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else reading--;
  }
}

/** How long a worker that has answered may take to end by itself. */
const EXIT_GRACE_MS = 10_000;

function readInWorker(input: Buffer, { memoryMb, timeoutMs, ...limits }: XlsxOptions): Promise<Records> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./xlsx-worker.ts', import.meta.url), {
      workerData: { input, limits },
      resourceLimits: {
        maxOldGenerationSizeMb: memoryMb,
        maxYoungGenerationSizeMb: Math.min(32, Math.max(1, Math.floor(memoryMb / 8))),
      },
    });
    let settled = false;
    const settle = (records: Records, stop: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(records);
      if (stop) void worker.terminate();
      // A worker that has answered ends by itself once its streams have closed: stopping it while
      // they close can crash the process (Node's zlib asserts when a stream is freed mid-setup).
      // Should it linger, it is stopped after a grace period.
      else setTimeout(() => void worker.terminate(), EXIT_GRACE_MS).unref();
    };
    const timer = setTimeout(() => settle(refuse(WORKBOOK_TOO_SLOW), true), timeoutMs);
    worker.once('message', (records: Records) => settle(records, false));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(refuse(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? WORKBOOK_NEEDS_TOO_MUCH_MEMORY : NOT_A_WORKBOOK), true),
    );
    worker.once('exit', () => settle(refuse(NOT_A_WORKBOOK), false));
  });
}

/** An .xlsx file is a zip archive: it starts with the bytes 'PK\x03\x04'. */
export function looksLikeXlsx(input: Buffer): boolean {
  return input.length >= 4 && input.readUInt32BE(0) === 0x504b0304;
}

/** The first worksheet's non-empty rows, numbered as Excel numbers them; `options` lowers the limits (for tests). */
export function readXlsxRecords(input: Buffer, options: Partial<XlsxOptions> = {}): Promise<Records> {
  if (input.length > MAX_FILE_BYTES) return Promise.resolve(refuse(TOO_LARGE));
  return inTurn(() => readInWorker(input, { ...XLSX_OPTIONS, ...options }));
}

/** The records of an uploaded CSV file or Excel workbook, told apart by their first bytes. */
export function readSpreadsheetRecords(input: Buffer, options: Partial<XlsxOptions> = {}): Promise<Records> {
  return looksLikeXlsx(input)
    ? readXlsxRecords(input, options)
    : Promise.resolve(readCsvRecords(input, { unreadable: NOT_A_WORKBOOK }));
}
