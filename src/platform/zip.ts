/**
 * Reading a zip archive (an Excel workbook is one) within limits, so that a small file that
 * unzips to gigabytes (a 'zip bomb') is refused while it is being unzipped, long before it can
 * fill the server's memory.
 *
 * - The archive's table of contents (its central directory) is read first: too many entries, or
 *   declared sizes over the limits, refuse the file before anything is unzipped.
 * - Declared sizes can lie, so each entry that is read is unzipped as a stream and its bytes
 *   counted as they come: unzipping stops as soon as the entry, or all the entries together,
 *   pass a limit, or the entry has grown more than `maxRatio` times its compressed size.
 * - `zipArchive` writes the entries that passed into a new archive, with the sizes counted, so
 *   whatever reads it next sees exactly what was checked and nothing else.
 *
 * Only what a workbook needs is supported: stored or deflated entries, no encryption, no ZIP64.
 */
import { createInflateRaw, crc32 } from 'node:zlib';

export interface ZipLimits {
  /** Entries in the archive, directories included. */
  maxEntries: number;
  /** Bytes of any one entry once unzipped. */
  maxEntryBytes: number;
  /** Bytes of all the entries read, once unzipped. */
  maxTotalBytes: number;
  /** How many times its compressed size an entry may grow once unzipped (past RATIO_GRACE_BYTES). */
  maxRatio: number;
}

/** A small entry may compress very well (a few repeated tags); the ratio counts from here on. */
export const RATIO_GRACE_BYTES = 1024 * 1024;

const STORED = 0;
const DEFLATED = 8;
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
/** The flag saying the entry's name is UTF-8. */
const UTF8_NAME = 0x0800;

export interface ZipEntry {
  name: string;
  method: typeof STORED | typeof DEFLATED;
  /** The size the archive declares; the bytes counted while unzipping are what count. */
  declaredSize: number;
  /** The compressed bytes, as they are in the archive. */
  data: Buffer;
}

/** Why an archive was refused: with the limit it broke, if any. */
export type ZipProblem =
  | { kind: 'unreadable' }
  | { kind: 'entries'; limit: number }
  | { kind: 'entry-size'; limit: number }
  | { kind: 'total-size'; limit: number }
  | { kind: 'ratio'; limit: number };

export type ZipRead<T> = ({ ok: true } & T) | { ok: false; problem: ZipProblem };

const unreadable: ZipRead<never> = { ok: false, problem: { kind: 'unreadable' } };

function endOfDirectory(zip: Buffer): number {
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

function tooLarge(size: number, compressed: number, limits: ZipLimits): ZipProblem | undefined {
  if (size > limits.maxEntryBytes) return { kind: 'entry-size', limit: limits.maxEntryBytes };
  if (size > RATIO_GRACE_BYTES && size > Math.max(1, compressed) * limits.maxRatio)
    return { kind: 'ratio', limit: limits.maxRatio };
  return undefined;
}

/**
 * The archive's entries from its central directory, each with its compressed bytes; or why it
 * cannot be read, or is refused on its declared sizes alone.
 */
export function readZipDirectory(zip: Buffer, limits: ZipLimits): ZipRead<{ entries: ZipEntry[] }> {
  const end = endOfDirectory(zip);
  if (end < 0) return unreadable;
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryStart = zip.readUInt32LE(end + 16);
  // 0xffff and 0xffffffff mean the real values are in a ZIP64 record: never needed for a workbook.
  if (count === 0xffff || directoryStart === 0xffffffff || directoryStart + directorySize > end) return unreadable;
  if (count > limits.maxEntries) return { ok: false, problem: { kind: 'entries', limit: limits.maxEntries } };
  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let at = directoryStart;
  while (at + 46 <= end && zip.readUInt32LE(at) === CENTRAL_HEADER) {
    if (entries.length >= limits.maxEntries)
      return { ok: false, problem: { kind: 'entries', limit: limits.maxEntries } };
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const declaredSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString(flags & UTF8_NAME ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    if (
      next > end ||
      flags & 1 ||
      (method !== STORED && method !== DEFLATED) ||
      local + 30 > directoryStart ||
      zip.readUInt32LE(local) !== LOCAL_HEADER
    )
      return unreadable;
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataStart + compressedSize > directoryStart) return unreadable;
    const problem = tooLarge(declaredSize, compressedSize, limits);
    if (problem) return { ok: false, problem };
    declaredTotal += declaredSize;
    if (declaredTotal > limits.maxTotalBytes)
      return { ok: false, problem: { kind: 'total-size', limit: limits.maxTotalBytes } };
    entries.push({ name, method, declaredSize, data: zip.subarray(dataStart, dataStart + compressedSize) });
    at = next;
  }
  return entries.length === count ? { ok: true, entries } : unreadable;
}

/**
 * Unzips an entry only to count its bytes (and their CRC-32), stopping as soon as it passes a
 * limit; `before` is the bytes of the entries already counted.
 */
export async function measureEntry(
  entry: ZipEntry,
  limits: ZipLimits,
  before = 0,
): Promise<ZipRead<{ size: number; crc: number }>> {
  const total = (size: number): ZipProblem | undefined =>
    before + size > limits.maxTotalBytes ? { kind: 'total-size', limit: limits.maxTotalBytes } : undefined;
  if (entry.method === STORED) {
    const problem = tooLarge(entry.data.length, entry.data.length, limits) ?? total(entry.data.length);
    return problem ? { ok: false, problem } : { ok: true, size: entry.data.length, crc: crc32(entry.data) };
  }
  const inflate = createInflateRaw();
  inflate.end(entry.data);
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      size += chunk.length;
      const problem = tooLarge(size, entry.data.length, limits) ?? total(size);
      if (problem) return { ok: false, problem }; // leaving the loop ends the unzipping
      crc = crc32(chunk, crc);
    }
  } catch {
    return unreadable;
  }
  return size === entry.declaredSize ? { ok: true, size, crc } : unreadable;
}

export interface CheckedEntry {
  name: string;
  method: number;
  size: number;
  crc: number;
  /** The compressed bytes. */
  data: Buffer;
}

/** A zip archive of the entries, in the order given (their compressed bytes copied as they are). */
export function zipArchive(entries: readonly CheckedEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    // Fields shared by the local header (from its offset 4) and the directory entry (from 6).
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed: 2.0, for deflate
    common.writeUInt16LE(UTF8_NAME, 2);
    common.writeUInt16LE(entry.method, 4);
    common.writeUInt16LE(0x21, 8); // 1 January 1980: the archive's dates are never read
    common.writeUInt32LE(entry.crc >>> 0, 10);
    common.writeUInt32LE(entry.data.length, 14);
    common.writeUInt32LE(entry.size, 18);
    common.writeUInt16LE(name.length, 22);
    const local = Buffer.alloc(4);
    local.writeUInt32LE(LOCAL_HEADER);
    parts.push(local, common, name, entry.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(20, 4); // made by version 2.0
    common.copy(central, 6);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}
