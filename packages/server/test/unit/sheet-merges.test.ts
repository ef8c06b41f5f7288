import { describe, expect, it } from 'vitest';
import { collectMerges, type Merge } from '../../src/members/import/read-sheet.js';

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('collectMerges', () => {
  it('passes the XML through unchanged and finds every merge, tags cut between chunks included, once each', async () => {
    const xml = `<worksheet><sheetData><row r="1"/></sheetData><mergeCells count="3"><mergeCell ref="A1:L1"/><mergeCell ref="J4:J6"/><mergeCell ref="AB10:AB12"/></mergeCells></worksheet>`;
    for (const size of [1, 7, 13, 64, xml.length]) {
      const merges: Merge[] = [];
      let passed = '';
      for await (const chunk of collectMerges(chunksOf(xml, size), merges)) passed += chunk;
      expect(passed).toBe(xml);
      expect(merges, `chunks of ${size}`).toEqual([
        { top: 1, left: 1, bottom: 1, right: 12 },
        { top: 4, left: 10, bottom: 6, right: 10 },
        { top: 10, left: 28, bottom: 12, right: 28 },
      ]);
    }
  });
});
