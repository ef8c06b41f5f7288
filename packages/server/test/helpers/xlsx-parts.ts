// An .xlsx written part by part, for the upload bombs: the zip's headers may claim any size, and a part may be a
// block repeated many times without the whole ever being held (a few hundred KB for hundreds of MB unzipped).
import zlib from 'node:zlib';

/** A part's bytes as stored (deflated, or as they are: `stored`), its real size and CRC. */
export type Body = { deflated: Buffer; size: number; crc: number; stored?: boolean };

/** A part stored without compression. */
export function stored(text: string): Body {
  const bytes = Buffer.from(text);
  return { deflated: bytes, size: bytes.length, crc: zlib.crc32(bytes), stored: true };
}

/**
 * The pieces in order, each repeated so many times, deflated: each piece is compressed once after a full flush
 * (no reference to anything before it), so its bytes can be repeated, and an empty final block closes the
 * stream. 300 MB of one repeated 1 MB piece is ~300 KB.
 */
export function deflated(...pieces: [text: string, times?: number][]): Body {
  const out: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const [text, times = 1] of pieces) {
    const bytes = Buffer.from(text);
    const segment = zlib.deflateRawSync(bytes, { finishFlush: zlib.constants.Z_FULL_FLUSH });
    for (let i = 0; i < times; i++) {
      out.push(segment);
      crc = zlib.crc32(bytes, crc);
    }
    size += bytes.length * times;
  }
  out.push(Buffer.from([0x03, 0x00]));
  return { deflated: Buffer.concat(out), size, crc };
}

/** One entry of the zip; `declared` is the size its headers claim (the real one unless given). */
export type Part = { name: string; body: Body; declared?: number };

/** A zip of the parts, with UTF-8 names; sizes in 32 bits (no ZIP64). */
export function zipOf(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, body, declared = body.size } of parts) {
    const fileName = Buffer.from(name);
    const header = (central: boolean) => {
      const h = Buffer.alloc(central ? 46 : 30);
      // The central header has "version made by" in front: its fields are 2 bytes further on.
      const at = central ? 2 : 0;
      h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
      if (central) h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 4 + at); // version needed
      h.writeUInt16LE(0x0800, 6 + at); // UTF-8 names
      h.writeUInt16LE(body.stored ? 0 : 8, 8 + at); // stored or deflated
      h.writeUInt16LE(0x21, 12 + at); // 1980-01-01
      h.writeUInt32LE(body.crc >>> 0, 14 + at);
      h.writeUInt32LE(body.deflated.length, 18 + at);
      h.writeUInt32LE(declared, 22 + at);
      h.writeUInt16LE(fileName.length, 26 + at);
      if (central) h.writeUInt32LE(offset, 42);
      return Buffer.concat([h, fileName]);
    };
    const local = Buffer.concat([header(false), body.deflated]);
    centrals.push(header(true));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const WORKBOOK =
  `<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
  '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" ' +
  'Target="worksheets/sheet1.xml"/></Relationships>';
export const SHEET_HEAD = `<worksheet ${NS}><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A sheet's XML, its cells inline strings (columns A–Z). */
export const sheetXml = (rows: string[][], after = '') =>
  SHEET_HEAD +
  rows
    .map((cells, r) => {
      const cell = (text: string, c: number) =>
        `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${text}</t></is></c>`;
      return `<row r="${r + 1}">${cells.map(cell).join('')}</row>`;
    })
    .join('') +
  '</sheetData>' +
  after +
  '</worksheet>';

type PartName = 'sheet' | 'sharedStrings' | 'styles' | 'workbook';

/**
 * A workbook of one sheet: the given parts replace the plain ones (the sheet: `rows`), and `declared` sets the
 * sizes their headers claim.
 */
export function workbookOf(
  rows: string[][],
  parts: Partial<Record<PartName, Body>> = {},
  declared: Partial<Record<PartName, number>> = {},
): Buffer {
  const list: Part[] = [
    { name: '[Content_Types].xml', body: deflated(['<Types/>']) },
    { name: 'xl/_rels/workbook.xml.rels', body: deflated([RELS]) },
    { name: 'xl/workbook.xml', body: parts.workbook ?? deflated([WORKBOOK]), declared: declared.workbook },
    { name: 'xl/worksheets/sheet1.xml', body: parts.sheet ?? deflated([sheetXml(rows)]), declared: declared.sheet },
  ];
  if (parts.styles) list.push({ name: 'xl/styles.xml', body: parts.styles, declared: declared.styles });
  if (parts.sharedStrings) {
    list.push({ name: 'xl/sharedStrings.xml', body: parts.sharedStrings, declared: declared.sharedStrings });
  }
  return zipOf(list);
}
