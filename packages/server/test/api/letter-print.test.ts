import { createHash } from 'node:crypto';
import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { useApi } from '../helpers/api.js';
import { buildCity, buildMember } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
});

describe('the transfer letter in the print layout', () => {
  it('escapes the names it prints and lets only its own button script run', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const name = '王<script>alert(1)</script>五';
    await audited(api.db, SYSTEM_AUDIT, 'test.rename' as AuditAction, (tx) =>
      tx.execute(sql`update members set name = ${name} where id = ${member.id}`),
    );
    const issued = await api.post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgName: '外省"某"社区党委<img src=x onerror=alert(2)>',
      duesPaidTo: '2026-09',
    });
    expect(issued.statusCode, issued.body).toBe(201);

    const letter = await api.get(`/api/transfers/${issued.json().id}/letter`, streetA);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = letter.body;
    expect(body).toContain('王&lt;script&gt;alert(1)&lt;/script&gt;五');
    expect(body).toContain('外省&quot;某&quot;社区党委&lt;img src=x onerror=alert(2)&gt;');
    expect(body).not.toContain('<img');
    expect(body.match(/<script>/g)).toHaveLength(1);
    // The layout: A4, the issuing organisation in the page header, the parts kept whole.
    expect(body).toMatch(/@page \{\s*size: A4;/);
    expect(body).toContain('@top-left { content: "甲社区第一党支部"');
    for (const part of ['id="stub"', 'id="letter"', 'id="receipt"']) expect(body).toContain(part);

    // The page's own policy allows its one inline script (the 打印 button), by hash, and nothing else.
    const csp = String(letter.headers['content-security-policy']);
    const script = body.slice(body.indexOf('<script>') + 8, body.indexOf('</script>'));
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("'self'; script-src 'self'");
  });
});
