import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { BrowserContext } from 'playwright-core';

const PDFJS = fileURLToPath(new URL('../../node_modules/pdfjs-dist/build/', import.meta.url));

/** A4 in PostScript points. */
export const A4 = { width: 595.28, height: 841.89 };

// The CJK fonts draw 页 and the radical ⻚ with one glyph, and the PDF's text map names the radical: what
// pdf.js reads back is mapped to the characters that were printed. NFKC does it for the Kangxi radicals
// (U+2F00…; only for them: it would also turn the full-width ：（） into ASCII), this table for those of the
// supplement (U+2E80…) that are whole characters.
const RADICALS = '⺠⺩⺝⺼⺮⺶⻁⻄⻅⻆⻉⻋⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰';
const CHARACTERS = '民王月月竹羊虎西见角贝车长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙';
const printed = (text: string) =>
  text
    .replace(/[\u2F00-\u2FDF]/gu, (c) => c.normalize('NFKC'))
    .replace(/[\u2E80-\u2EFF]/gu, (c) => CHARACTERS[RADICALS.indexOf(c)] ?? c);

export type PdfPage = { width: number; height: number; text: string };

/**
 * Each page of a PDF: its size in points and its text as printed, without whitespace (pdf.js splits runs of text
 * where it likes, so "第 1 页" reads "第1页").
 */
export async function readPdf(pdf: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: pdf, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
    pages.push({ width, height, text: printed(text).replace(/\s+/g, '') });
  }
  await doc.destroy();
  return pages;
}

/**
 * A page of a PDF as a PNG, drawn by pdf.js in the browser (there is no poppler here): the sheet as it comes out
 * of the printer, margins, header and footer included.
 */
export async function pdfPagePng(context: BrowserContext, pdf: Uint8Array, pageNumber: number, path: string) {
  const files: Record<string, { body: Buffer | string; contentType: string }> = {
    '/doc.pdf': { body: Buffer.from(pdf), contentType: 'application/pdf' },
    '/pdf.mjs': { body: readFileSync(`${PDFJS}pdf.mjs`), contentType: 'text/javascript' },
    '/pdf.worker.mjs': { body: readFileSync(`${PDFJS}pdf.worker.mjs`), contentType: 'text/javascript' },
    '/': {
      contentType: 'text/html',
      body: `<!doctype html><body style="margin:0"><canvas></canvas><script type="module">
        import * as pdfjs from '/pdf.mjs';
        pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
        const page = await (await pdfjs.getDocument('/doc.pdf').promise).getPage(${pageNumber});
        const viewport = page.getViewport({ scale: 1.5 });
        const canvas = document.querySelector('canvas');
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
        document.body.dataset.drawn = 'yes';
      </script></body>`,
    },
  };
  // A made-up origin served from here: the app's own policy has no part in drawing the PDF.
  await context.route('http://pdf.test/**', (route) => {
    const file = files[new URL(route.request().url()).pathname];
    return route.fulfill(file ? { status: 200, ...file } : { status: 404 });
  });
  const viewer = await context.newPage();
  await viewer.goto('http://pdf.test/');
  await viewer.locator('body[data-drawn="yes"]').waitFor();
  await viewer.locator('canvas').screenshot({ path });
  await viewer.close();
  await context.unroute('http://pdf.test/**');
}
