import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * The one print layout of the platform: every printable record (the transfer letter; certificates, minutes and
 * sheets to come) is a `printPage` whose body is built with the `html` template, which escapes every value put
 * into it. What the layout gives every document: A4 with its margins, the issuing organisation and the date of
 * printing in the top margin of every page, "第 N 页 共 M 页" in the bottom margin (CSS page-margin boxes), a
 * screen view that looks like a sheet of paper, and a 打印 button that does not print.
 */

/** Markup that is safe to put in a page: made by `html` (values escaped) or `trusted` (constant markup). */
export class Html {
  readonly #text: string;
  private constructor(text: string) {
    this.#text = text;
  }
  /** Markup written by us, never from a request or the database. */
  static trusted(text: string): Html {
    return new Html(text);
  }
  toString(): string {
    return this.#text;
  }
}

export type HtmlValue = string | number | Html | readonly Html[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);

const render = (value: HtmlValue): string =>
  value instanceof Html ? value.toString() : Array.isArray(value) ? value.join('') : escapeHtml(String(value));

/** A template of markup: text and numbers put into it are escaped, `Html` values (and arrays of them) kept. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  return Html.trusted(strings.reduce((out, part, i) => out + render(values[i - 1] as HtmlValue) + part));
}

/** 2026-03-05 → 2026年3月5日, as dates are written on paper. */
export const chineseDate = (date: string) =>
  `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * Text as a CSS string: everything but letters, digits and spaces as a hex escape, so that nothing in it can end
 * the string or the style element (`"`, `\`, `<`, a line break).
 */
const cssString = (text: string) =>
  `"${text.replace(/[^\p{L}\p{N} ]/gu, (c) => `\\${(c.codePointAt(0) as number).toString(16)} `)}"`;

export type PrintPage = {
  /** The document's title: the browser's tab, and a saved PDF's name. */
  title: string;
  /** The organisation that issues the document, in every page's header. */
  orgName: string;
  /** China's date of printing (YYYY-MM-DD), in every page's header. */
  printedOn: string;
  /** What to do with the printout, shown beside the 打印 button and not printed. */
  note?: string;
  body: Html;
};

// The button's only script, allowed by its hash: the platform's CSP refuses inline scripts and handlers.
const PRINT_SCRIPT = `document.getElementById('print').addEventListener('click', () => window.print());`;
const PRINT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(PRINT_SCRIPT).digest('base64')}'`;

/** The policy of a printed page: its inline styles, its one script, nothing loaded from anywhere. */
export const PRINT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src ${PRINT_SCRIPT_HASH}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const STYLE = `
  @page {
    size: A4;
    margin: 22mm 20mm 20mm;
    @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font: 9pt serif; color: #333; }
  }
  * { box-sizing: border-box; }
  html { background: #e6e6e6; }
  body {
    margin: 0; padding: 16px 0 32px; color: #000; font-size: 15px; line-height: 1.9;
    font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif;
  }
  .toolbar {
    width: 210mm; margin: 0 auto 12px; display: flex; justify-content: space-between; align-items: center; gap: 12px;
    font: 13px sans-serif; color: #555;
  }
  .toolbar button {
    font: 14px sans-serif; padding: 6px 20px; border: 0; border-radius: 6px; background: #c8161d; color: #fff; cursor: pointer;
  }
  .sheet {
    width: 210mm; min-height: 297mm; margin: 0 auto; padding: 22mm 20mm 20mm; background: #fff;
    box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25);
  }
  .sheet-header {
    display: flex; justify-content: space-between; border-bottom: 1px solid #999; margin-bottom: 6mm;
    font-size: 12px; color: #333;
  }
  /* What documents share: a title, a number, paragraphs indented two characters, fill-in blanks, a signature
     and date, a line to cut along. */
  h1 { text-align: center; font-size: 22px; letter-spacing: 4px; margin: 0 0 2mm; }
  h2 { text-align: center; font-size: 18px; margin: 0; }
  p { margin: 0 0 1mm; text-indent: 2em; }
  .doc-no { text-align: right; text-indent: 0; }
  /* The addressee's line (称谓), flush left as in an official letter. */
  .salutation { text-indent: 0; }
  .blank { padding: 0 1em; border-bottom: 1px solid #000; }
  .sign { text-align: right; text-indent: 0; margin-top: 3mm; }
  .cut { border-top: 1px dashed #000; text-align: center; font-size: 12px; line-height: 1; padding-top: 1mm; margin: 5mm 0; }
  /* A part that must not be split between two sheets, and a part that starts a new sheet. */
  .keep { break-inside: avoid; }
  .new-page { break-before: page; }
  @media print {
    html, body { background: none; padding: 0; }
    .toolbar, .sheet-header { display: none; }
    .sheet { width: auto; min-height: 0; padding: 0; box-shadow: none; }
  }
`;

/** The full document: the layout around the body. */
export function printPage(page: PrintPage): string {
  const printed = `打印日期：${chineseDate(page.printedOn)}`;
  const margins = `@page {
    @top-left { content: ${cssString(page.orgName)}; font: 9pt serif; color: #333; }
    @top-right { content: ${cssString(printed)}; font: 9pt serif; color: #333; }
  }`;
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title}</title>
        <style>
          ${Html.trusted(STYLE)}${Html.trusted(margins)}
        </style>
      </head>
      <body>
        <div class="toolbar"><span>${page.note ?? ''}</span><button type="button" id="print">打印</button></div>
        <main class="sheet">
          <div class="sheet-header"><span>${page.orgName}</span><span>${printed}</span></div>
          ${page.body}
        </main>
        ${Html.trusted(`<script>${PRINT_SCRIPT}</script>`)}
      </body>
    </html> `.toString();
}

/** Answers with a printable page, under the policy that lets its 打印 button work. */
export function sendPrintPage(reply: FastifyReply, page: PrintPage): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('content-security-policy', PRINT_CSP).send(printPage(page));
}
