import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/http/errors.js';
import {
  checkImage,
  checkPdf,
  configureFileStore,
  diskFileStore,
  fileStore,
  stripImageMetadata,
} from '../../src/storage/index.js';

/** An 8×4 picture as Chromium's canvas encodes it (toDataURL): JFIF, an ICC profile (APP2), no Exif. */
const CANVAS_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh' +
    'Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB' +
    'UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA' +
    'AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y' +
    'WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM' +
    'ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQ' +
    'FxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgo' +
    'KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAEAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/' +
    'xAAiEAAABAYCAwAAAAAAAAAAAAAAAgMFAQQRExQiITEyQVH/xAAVAQEBAAAAAAAAAAAAAAAAAAAGB//EABwRAAAGAwAAAAAAAAAA' +
    'AAAAAAABAgMxsQRxcv/aAAwDAQACEQMRAD8AnC7reYpdswG8llSKmWRGkwfy1MevMNuqeofAAAPxoV0di2sQrZ2P/9k=',
  'base64',
);
/** The same picture as Chromium's WebP: VP8X (ICC flag), ICCP, VP8. */
const CANVAS_WEBP = Buffer.from(
  'UklGRkYCAABXRUJQVlA4WAoAAAAgAAAABwAAAwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh' +
    'Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB' +
    'UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA' +
    'AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y' +
    'WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM' +
    'ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggWAAAALACAJ0BKggABAABQCYlqAJ0ugH4AMwA' +
    'yQAF9/htmAD+6l9t//wht+6n/2326s+uB3Ms2/TL1Mj+ihhf+d5NA/4NqOqooH/Bvzzf/gTzwfGVPgTzwf8XMAA=',
  'base64',
);

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** A big-endian TIFF block with IFD0 → GPS IFD holding 北纬 39°54′ (GPSLatitudeRef, GPSLatitude). */
function exifWithGps(): Buffer {
  const entry = (tag: number, type: number, count: number, value: Buffer) =>
    Buffer.concat([u16(tag), u16(type), u32(count), Buffer.concat([value, Buffer.alloc(4)]).subarray(0, 4)]);
  const ifd0At = 8;
  const gpsAt = ifd0At + 2 + 12 + 4;
  const latAt = gpsAt + 2 + 2 * 12 + 4;
  const tiff = Buffer.concat([
    Buffer.from('MM\0*', 'latin1'),
    u32(ifd0At),
    u16(1),
    entry(0x8825, 4, 1, u32(gpsAt)), // GPSInfo IFD pointer
    u32(0),
    u16(2),
    entry(0x0001, 2, 2, Buffer.from('N\0', 'latin1')), // GPSLatitudeRef
    entry(0x0002, 5, 3, u32(latAt)), // GPSLatitude: three rationals
    u32(0),
    ...[39, 1, 54, 1, 1234, 100].map(u32),
  ]);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

const segment = (marker: number, payload: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);

/** The JPEG's markers in order, walking the segment lengths up to the scan and its end (a decoder's first pass). */
function jpegMarkers(bytes: Buffer): { marker: number; payload: Buffer }[] {
  expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  const found: { marker: number; payload: Buffer }[] = [];
  let at = 2;
  for (;;) {
    expect(bytes[at]).toBe(0xff);
    while (bytes[at + 1] === 0xff) at++; // fill bytes
    const marker = bytes[at + 1] ?? -1;
    const length = bytes.readUInt16BE(at + 2);
    found.push({ marker, payload: bytes.subarray(at + 4, at + 2 + length) });
    if (marker === 0xda) break;
    at += 2 + length;
  }
  expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  return found;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
}

/** A real 2×2 RGB PNG (red, green / blue, white) with the metadata chunks named. */
function pngWith(extra: Buffer[]): { png: Buffer; pixels: Buffer } {
  const pixels = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  const header = Buffer.concat([u32(2), u32(2), Buffer.from([8, 2, 0, 0, 0])]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    ...extra,
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return { png, pixels };
}

function pngChunks(png: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const chunks: { type: string; data: Buffer; crcOk: boolean }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typed = png.subarray(at + 4, at + 8 + length);
    chunks.push({
      type: typed.toString('latin1', 0, 4),
      data: typed.subarray(4),
      crcOk: png.readUInt32BE(at + 8 + length) === crc32(typed),
    });
    at += 12 + length;
  }
  return chunks;
}

function webpChunk(fourcc: string, data: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([Buffer.from(fourcc, 'latin1'), size, data, Buffer.alloc(data.length % 2)]);
}

const XMP = Buffer.from(
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="39,54.2N"/></x:xmpmeta>',
  'utf8',
);

const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { status: (error as AppError).status, ...(error as AppError).invalidField };
  }
  throw new Error('expected a refusal');
};

describe('stripImageMetadata', () => {
  it('takes the Exif (GPS) and XMP segments out of a JPEG and leaves the picture as the camera wrote it', () => {
    const exif = exifWithGps();
    const xmp = Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), XMP]);
    // Exif right after SOI (where cameras put it), XMP after the JFIF segment, with fill bytes before a marker.
    const app0End = 2 + 2 + CANVAS_JPEG.readUInt16BE(4);
    const withGps = Buffer.concat([
      CANVAS_JPEG.subarray(0, 2),
      segment(0xe1, exif),
      CANVAS_JPEG.subarray(2, app0End),
      Buffer.from([0xff]),
      segment(0xe1, xmp),
      CANVAS_JPEG.subarray(app0End),
    ]);
    expect(jpegMarkers(withGps).filter((s) => s.marker === 0xe1)).toHaveLength(2);

    const stripped = stripImageMetadata(withGps, 'image/jpeg');

    expect(stripped.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(stripped.includes(Buffer.from('GPSLatitude', 'latin1'))).toBe(false);
    const markers = jpegMarkers(stripped);
    expect(markers.map((s) => s.marker.toString(16))).toEqual([
      'e0',
      'e2',
      'db',
      'db',
      'c0',
      'c4',
      'c4',
      'c4',
      'c4',
      'da',
    ]);
    // SOF0: 8 bits, 4 rows, 8 columns, 3 components — the frame a decoder reads is intact.
    const sof = markers.find((s) => s.marker === 0xc0)?.payload ?? Buffer.alloc(0);
    expect([sof[0], sof.readUInt16BE(1), sof.readUInt16BE(3), sof[5]]).toEqual([8, 4, 8, 3]);
    // Byte for byte the file Chromium encoded: it decodes as that one does.
    expect(stripped.equals(CANVAS_JPEG)).toBe(true);
  });

  it('leaves a JPEG without metadata as it is', () => {
    expect(stripImageMetadata(CANVAS_JPEG, 'image/jpeg').equals(CANVAS_JPEG)).toBe(true);
  });

  it('refuses a truncated JPEG header (400)', () => {
    const cut = Buffer.concat([CANVAS_JPEG.subarray(0, 2), segment(0xe1, exifWithGps()).subarray(0, 20)]);
    expect(() => stripImageMetadata(cut, 'image/jpeg')).toThrow(AppError);
  });

  it('drops eXIf and XMP text chunks of a PNG, keeps the others with valid CRCs and the same pixels', () => {
    const tiff = exifWithGps().subarray(6);
    const { png, pixels } = pngWith([
      pngChunk('eXIf', tiff),
      pngChunk('tEXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0', 'latin1'), XMP])),
      pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), XMP])),
      pngChunk('tEXt', Buffer.from('Comment\0sign-in sheet', 'latin1')),
    ]);
    const stripped = stripImageMetadata(png, 'image/png');
    const chunks = pngChunks(stripped);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(chunks[1]?.data.toString('latin1')).toBe('Comment\0sign-in sheet');
    expect(inflateSync(chunks[2]?.data ?? Buffer.alloc(0)).equals(pixels)).toBe(true);
    expect(stripped.includes(Buffer.from('GPSLatitude'))).toBe(false);
  });

  it('drops the EXIF and XMP chunks of a WebP, clears their VP8X flags and fixes the RIFF size', () => {
    // Chromium's WebP with an (odd-sized, padded) EXIF chunk and an XMP chunk appended, flags set as a camera app would.
    const chunks = CANVAS_WEBP.subarray(12);
    const withGps = Buffer.concat([
      CANVAS_WEBP.subarray(0, 12),
      chunks,
      webpChunk('EXIF', Buffer.concat([exifWithGps().subarray(6), Buffer.from([0])])),
      webpChunk('XMP ', XMP),
    ]);
    withGps.writeUInt32LE(withGps.length - 8, 4);
    withGps[20] = (withGps[20] ?? 0) | 0x08 | 0x04;
    expect(withGps.toString('latin1', 12, 16)).toBe('VP8X');

    const stripped = stripImageMetadata(withGps, 'image/webp');

    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
    expect((stripped[20] ?? 0) & 0x0c).toBe(0);
    expect((stripped[20] ?? 0) & 0x20).toBe(0x20); // the ICC profile stays
    expect(stripped.equals(CANVAS_WEBP)).toBe(true);
  });
});

describe('checkImage', () => {
  it('types an image by its content, not its name', () => {
    const { png } = pngWith([]);
    // The bytes a "photo.jpg" that is really a PNG carries: a PNG.
    expect(checkImage(png, 'photo')).toEqual({ contentType: 'image/png' });
    expect(checkImage(CANVAS_JPEG, 'photo')).toEqual({ contentType: 'image/jpeg' });
    expect(checkImage(CANVAS_WEBP, 'photo')).toEqual({ contentType: 'image/webp' });
  });

  it('refuses a text file, an empty file and one over 5 MB with a 400 naming the field', () => {
    expect(problemOf(() => checkImage(Buffer.from('签到表\n张三,李四\n'), 'photo'))).toEqual({
      status: 400,
      field: 'photo',
      problem: '只能上传 JPEG、PNG 或 WebP 格式的图片',
    });
    expect(problemOf(() => checkImage(Buffer.alloc(0), 'photo'))).toMatchObject({ problem: '请上传图片' });
    const big = Buffer.concat([CANVAS_JPEG, Buffer.alloc(5 * 1024 * 1024)]);
    expect(problemOf(() => checkImage(big, 'photo'))).toMatchObject({ status: 400, problem: '图片不能超过5MB' });
  });

  it('checks a PDF by its %PDF- header and its 10 MB limit', () => {
    expect(checkPdf(Buffer.from('%PDF-1.7\n…'), 'file')).toEqual({ contentType: 'application/pdf' });
    expect(problemOf(() => checkPdf(Buffer.from('<html>'), 'file'))).toMatchObject({ problem: '只能上传 PDF 文件' });
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]);
    expect(problemOf(() => checkPdf(big, 'file'))).toMatchObject({ problem: 'PDF 文件不能超过10MB' });
  });
});

describe('diskFileStore', () => {
  it('keeps bytes under a random key, reads them back, removes them; a missing or forged key is a 404', async () => {
    const store = diskFileStore(join(mkdtempSync(join(tmpdir(), 'gongjian-store-')), 'files'));
    const key = await store.put(CANVAS_JPEG);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect((await store.read(key)).equals(CANVAS_JPEG)).toBe(true);
    const other = await store.put(CANVAS_JPEG);
    expect(other).not.toBe(key);
    await store.remove(key);
    await store.remove(key);
    await expect(store.read(key)).rejects.toMatchObject({ status: 404 });
    await expect(store.read('../../etc/passwd')).rejects.toMatchObject({ status: 404 });
    expect((await store.read(other)).length).toBe(CANVAS_JPEG.length);
  });
});

describe('fileStore', () => {
  it('keeps files in DATA_DIR/files/<two hex digits>/<key>; no data folder (tests) gets a temporary one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gongjian-data-'));
    configureFileStore(dataDir);
    const key = await fileStore().put(CANVAS_JPEG);
    expect(existsSync(join(dataDir, 'files', key.slice(0, 2), key))).toBe(true);
    configureFileStore('');
    const elsewhere = await fileStore().put(CANVAS_JPEG);
    expect(existsSync(join(dataDir, 'files', elsewhere.slice(0, 2), elsewhere))).toBe(false);
    expect((await fileStore().read(elsewhere)).equals(CANVAS_JPEG)).toBe(true);
  });
});
