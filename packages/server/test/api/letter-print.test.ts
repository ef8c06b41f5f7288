import { createHash } from 'node:crypto';
import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
});

describe('the transfer letter in the print layout', () => {
  it('names 民族 and the ID number as the standard letter does: in full, on record, only for member.sensitive', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    await audited(api.db, SYSTEM_AUDIT, 'test.ethnicity' as AuditAction, (tx) =>
      tx.execute(sql`update members set ethnicity = '回族' where id = ${member.id}`),
    );
    const issued = await api.post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgName: '外省某社区党委',
      duesPaidTo: '2026-09',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const url = `/api/transfers/${issued.json().id}/letter`;
    const masked = `${member.idNumber.slice(0, 6)}********${member.idNumber.slice(-4)}`;
    const prints = () =>
      queryRows<{ actor_name: string; entity: string; entity_id: string; after: Record<string, unknown> }>(
        api.db,
        sql`select actor_name, entity, entity_id, after from audit_logs where action = 'member.transfer.letter'`,
      );

    // The branch secretary may print the letter but not reveal the number: masked, nothing on record.
    const branch = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const secretary = await api.get(url, await api.login(branch.username));
    expect(secretary.statusCode).toBe(200);
    expect(secretary.body).toContain('回族');
    expect(secretary.body).toContain(`身份证号码<span class="blank">${masked}</span>`);
    expect(secretary.body).not.toContain(member.idNumber);
    expect(await prints()).toEqual([]);

    // The street (member.sensitive) prints it whole, in the stub and the letter, and the printing is on record.
    const street = await api.get(url, streetA);
    expect(street.statusCode).toBe(200);
    expect(street.body.split(`身份证号码<span class="blank">${member.idNumber}</span>`)).toHaveLength(3);
    expect(street.body).toContain('回族');
    expect(await prints()).toEqual([
      {
        actor_name: city.streetAUser.username,
        entity: 'member',
        entity_id: String(member.id),
        after: { fields: ['id_number'], transferId: issued.json().id, letterNo: issued.json().letterNo },
      },
    ]);
  });

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
