import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * A zip held in memory, read through its central directory: each entry's name, its sizes as the directory
 * declares them, and its bytes inflated on demand. Only what an .xlsx needs (stored and deflated entries, ZIP64
 * sizes), with every offset checked against the buffer: a damaged or hostile file is an Error here, never a read
 * out of bounds or a loop over a count it declares (unzipper's Open.buffer, used before, walked the directory as
 * many times as the end record said and inflated twice as slowly).
 */
export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  /** As the directory declares it: a hint to refuse early, not a bound (the bytes inflated are counted). */
  declaredSize: number;
  /** The entry's compressed bytes, a view into the file. */
  data: Buffer;
};

/** More entries than any workbook has (a sheet, its relations, drawings, images…): refused before they are read. */
export const ZIP_MAX_ENTRIES = 10_000;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

class ZipError extends Error {}

function bigToNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('zip: size beyond reach');
  return Number(value);
}

/** The entries of the zip, from its central directory. Throws a plain Error when the file is not a readable zip. */
export function zipEntries(file: Buffer): ZipEntry[] {
  const fail = (what: string): never => {
    throw new ZipError(`zip: ${what}`);
  };
  // The end record is the last 22 bytes, or fewer when a comment (up to 65,535 bytes) follows it.
  let end = -1;
  for (let at = file.length - 22; at >= Math.max(0, file.length - 22 - 0xffff); at--) {
    if (file.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) fail('no end of central directory');
  let count = file.readUInt16LE(end + 10);
  let directorySize = file.readUInt32LE(end + 12);
  let directoryStart = file.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || file.readUInt32LE(locator) !== ZIP64_LOCATOR) fail('no zip64 locator');
    const record = bigToNumber(file.readBigUInt64LE(locator + 8));
    if (record + 56 > file.length || file.readUInt32LE(record) !== ZIP64_EOCD) fail('no zip64 end record');
    count = bigToNumber(file.readBigUInt64LE(record + 32));
    directorySize = bigToNumber(file.readBigUInt64LE(record + 40));
    directoryStart = bigToNumber(file.readBigUInt64LE(record + 48));
  }
  if (count > ZIP_MAX_ENTRIES) fail('too many entries');
  if (directoryStart + directorySize > file.length) fail('central directory out of bounds');

  const entries: ZipEntry[] = [];
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CENTRAL) fail('bad central directory entry');
    const flags = file.readUInt16LE(at + 8);
    const method = file.readUInt16LE(at + 10);
    let compressedSize = file.readUInt32LE(at + 20);
    let declaredSize = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    let localHeader = file.readUInt32LE(at + 42);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > file.length) fail('central directory entry out of bounds');
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    // ZIP64: the sizes and offset that did not fit in 32 bits follow in the extra field, in this order.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
      const id = file.readUInt16LE(x);
      const size = file.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let field = x + 4;
        const take = () => {
          if (field + 8 > x + 4 + size) fail('short zip64 field');
          const value = bigToNumber(file.readBigUInt64LE(field));
          field += 8;
          return value;
        };
        if (declaredSize === 0xffffffff) declaredSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeader === 0xffffffff) localHeader = take();
      }
      x += 4 + size;
    }
    at = next;
    if (flags & 0x1) fail('encrypted entry');
    if (name.endsWith('/')) continue;
    if (localHeader + 30 > file.length || file.readUInt32LE(localHeader) !== LOCAL) fail('bad local header');
    const dataStart = localHeader + 30 + file.readUInt16LE(localHeader + 26) + file.readUInt16LE(localHeader + 28);
    if (dataStart + compressedSize > file.length) fail('entry out of bounds');
    entries.push({ name, method, declaredSize, data: file.subarray(dataStart, dataStart + compressedSize) });
  }
  return entries;
}

const CHUNK = 64 * 1024;

/** The entry's bytes as a stream of chunks of up to 64 KB, inflated as they are read. */
export function entryStream(entry: ZipEntry): Readable {
  if (entry.method === 8) {
    const inflate = zlib.createInflateRaw({ chunkSize: CHUNK });
    inflate.end(entry.data);
    return inflate;
  }
  if (entry.method === 0) {
    const { data } = entry;
    return Readable.from(
      (function* () {
        for (let i = 0; i < data.length; i += CHUNK) yield data.subarray(i, i + CHUNK);
      })(),
      { objectMode: false },
    );
  }
  throw new ZipError(`zip: compression method ${entry.method}`);
}
