import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { html, PRINT_CSP, printPage } from '../../src/http/print.js';

const HOSTILE = `</style><script>alert(1)</script>"\\'<b>&`;

const styleOf = (page: string) => page.slice(page.indexOf('<style>'), page.indexOf('</style>') + '</style>'.length);

describe('printPage', () => {
  it('lays out an A4 page with the organisation, the date and page numbers in its margins', () => {
    const page = printPage({
      title: '测试',
      orgName: '青石街道党工委',
      printedOn: '2026-03-05',
      body: html`<p>正文</p>`,
    });
    expect(page).toMatch(/@page \{\s*size: A4;/);
    expect(page).toContain('@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"');
    expect(page).toContain('@top-left { content: "青石街道党工委"');
    // The date as written on paper; its full-width colon as a CSS escape.
    expect(page).toContain('@top-right { content: "打印日期\\ff1a 2026年3月5日"');
    expect(page).toContain('<p>正文</p>');
    // The button does not print.
    expect(page).toMatch(/@media print \{[^@]*\.toolbar, \.sheet-header \{ display: none; \}/);
  });

  it('escapes every value: in the title, the margins, the header and the body', () => {
    const page = printPage({
      title: HOSTILE,
      orgName: HOSTILE,
      printedOn: '2026-03-05',
      note: HOSTILE,
      body: html`<p>${HOSTILE}</p>
        <ul>
          ${[1, 2].map((n) => html`<li>${`${n}<i>`}</li>`)}
        </ul>`,
    });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<b>');
    expect(page.match(/<\/style>/g)).toHaveLength(1);
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page).toContain('<p>&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;\\&#39;&lt;b&gt;&amp;</p>');
    expect(page).toContain('<li>1&lt;i&gt;</li><li>2&lt;i&gt;</li>');
    // In the CSS strings of the margins nothing is left that could end the string or the style element.
    const margins = styleOf(page).slice(styleOf(page).indexOf('@top-left'));
    expect(margins).toContain(
      '"\\3c \\2f style\\3e \\3c script\\3e alert\\28 1\\29 \\3c \\2f script\\3e \\22 \\5c \\27 \\3c b\\3e \\26 "',
    );
  });

  it('allows its one inline script by hash and nothing else', () => {
    const page = printPage({ title: 't', orgName: 'o', printedOn: '2026-01-01', body: html`` });
    const script = page.slice(page.indexOf('<script>') + '<script>'.length, page.indexOf('</script>'));
    const hash = createHash('sha256').update(script).digest('base64');
    expect(PRINT_CSP).toContain(`script-src 'sha256-${hash}'`);
    expect(PRINT_CSP).toContain("default-src 'none'");
    expect(PRINT_CSP).not.toContain('unsafe-eval');
  });
});
