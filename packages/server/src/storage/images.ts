import { AppError, invalid } from '../http/errors.js';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** An uploaded image's limit (a phone photo is 2–4 MB). */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image type of `bytes` by their first bytes (what the file is, whatever its name or declared type says). */
export function sniffImage(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return undefined;
}

/** Checks JPEG/PNG/WebP by content (magic bytes, not name), at most 5 MB; a Chinese 400 naming `field` otherwise. */
export function checkImage(bytes: Buffer, field: string): { contentType: ImageType } {
  if (bytes.length === 0) throw invalid(field, '请上传图片');
  const contentType = sniffImage(bytes);
  if (!contentType) throw invalid(field, '只能上传 JPEG、PNG 或 WebP 格式的图片');
  if (bytes.length > IMAGE_MAX_BYTES) throw invalid(field, `图片不能超过${IMAGE_MAX_BYTES / 1024 / 1024}MB`);
  return { contentType };
}

const broken = () => new AppError('VALIDATION', '图片文件已损坏，无法读取');

/**
 * Removes what a camera or phone writes about where and when: JPEG APP1 segments (Exif, XMP), PNG eXIf and
 * textual XMP/raw-profile chunks, WebP EXIF/XMP chunks (and their VP8X flags). Every other byte is copied as
 * it is: the pixels, colour profiles and orientation-free structure stay; nothing is decoded or re-encoded.
 */
export function stripImageMetadata(bytes: Buffer, contentType: string): Buffer {
  switch (contentType) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    default:
      return bytes;
  }
}

/** Markers that stand alone, without a length: TEM, RST0–7, SOI, EOI. */
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);

function stripJpeg(bytes: Buffer): Buffer {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw broken();
    // Fill bytes (0xFF runs) may pad before a marker.
    let markerAt = at + 1;
    while (bytes[markerAt] === 0xff) markerAt++;
    const marker = bytes[markerAt];
    if (marker === undefined) throw broken();
    if (standalone(marker)) {
      kept.push(bytes.subarray(markerAt - 1, markerAt + 1));
      at = markerAt + 1;
      if (marker === 0xd9) break;
      continue;
    }
    if (markerAt + 3 > bytes.length) throw broken();
    const length = bytes.readUInt16BE(markerAt + 1);
    const end = markerAt + 1 + length;
    if (length < 2 || end > bytes.length) throw broken();
    // Start of scan: the entropy-coded data up to the end is copied untouched (metadata comes before it).
    if (marker === 0xda) {
      kept.push(bytes.subarray(markerAt - 1));
      return Buffer.concat(kept);
    }
    if (marker !== 0xe1) kept.push(bytes.subarray(markerAt - 1, end));
    at = end;
  }
  kept.push(bytes.subarray(at));
  return Buffer.concat(kept);
}

/** Text keywords under which tools keep XMP or a copy of the Exif block in a PNG's tEXt/zTXt/iTXt chunks. */
const METADATA_KEYWORDS = /^(XML:com\.adobe\.xmp|Raw profile type (exif|xmp|APP1))$/i;

function stripPng(bytes: Buffer): Buffer {
  const kept: Buffer[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw broken();
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > bytes.length) throw broken();
    const type = bytes.toString('latin1', at + 4, at + 8);
    let drop = type === 'eXIf';
    if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') {
      const data = bytes.subarray(at + 8, at + 8 + length);
      const nul = data.indexOf(0);
      drop = METADATA_KEYWORDS.test(data.toString('latin1', 0, nul < 0 ? data.length : nul));
    }
    // Whole chunks are kept or dropped: each kept chunk keeps its own CRC, still valid.
    if (!drop) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(kept);
}

/** VP8X flags: bit 3 Exif, bit 2 XMP present. */
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(bytes: Buffer): Buffer {
  if (bytes.length < 12) throw broken();
  const riffEnd = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  const kept: Buffer[] = [];
  let at = 12;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw broken();
    const fourcc = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > riffEnd) throw broken();
    const chunk = Buffer.from(bytes.subarray(at, Math.min(end, riffEnd)));
    if (fourcc === 'VP8X' && size >= 1) chunk[8] = (chunk[8] ?? 0) & ~(VP8X_EXIF | VP8X_XMP);
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') kept.push(chunk);
    at = end;
  }
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
