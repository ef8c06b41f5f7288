import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { passwordProblem } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { audited } from './db/audited.js';
import { hashPassword } from './auth/passwords.js';
import { loadConfig } from './config.js';
import { queryRows } from './db/client.js';
import { accounts, organizations } from './db/schema.js';
import { openConfiguredDatabaseAndMigrate } from './server.js';

const USAGE = `用法: npm run admin -- create <用户名> [--org-name 根组织名称] [--org-id 组织ID]
  创建系统管理员账号，打印一次性初始密码（首次登录须修改）。数据库中还没有组织时，先用 --org-name 建立根组织（市委或区委）。`;

function temporaryPassword(): string {
  for (;;) {
    const candidate = `${randomBytes(9).toString('base64url')}#7a`;
    if (!passwordProblem(candidate)) return candidate;
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'org-name': { type: 'string' }, 'org-id': { type: 'string' } },
  });
  const [command, username] = positionals;
  if (command !== 'create' || !username || !/^[A-Za-z0-9_.-]{3,32}$/.test(username)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const database = await openConfiguredDatabaseAndMigrate(config);
  try {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const ctx = { actorId: null, actorName: 'cli', ip: null };
    const orgName = await audited(database.db, ctx, 'account.create', async (tx) => {
      const taken = await queryRows(tx, sql`select 1 from accounts where lower(username) = lower(${username})`);
      if (taken.length > 0) throw new Error(`用户名 ${username} 已存在`);
      let orgId = values['org-id'] ? Number(values['org-id']) : undefined;
      if (orgId === undefined) {
        const [root] = await queryRows<{ id: number }>(
          tx,
          sql`select id::int as id from organizations where parent_id is null order by id limit 1`,
        );
        orgId = root?.id;
      }
      if (orgId === undefined) {
        if (!values['org-name'])
          throw new Error('数据库中还没有组织，请用 --org-name 指定根组织（如“中共某某市委员会”）');
        const [created] = await tx
          .insert(organizations)
          .values({ name: values['org-name'], type: 'city_committee' })
          .returning({ id: organizations.id });
        orgId = (created as { id: number }).id;
      }
      const [org] = await queryRows<{ name: string }>(tx, sql`select name from organizations where id = ${orgId}`);
      if (!org) throw new Error(`组织 ${orgId} 不存在`);
      await tx.insert(accounts).values({
        username,
        displayName: '系统管理员',
        passwordHash,
        orgId,
        role: 'sysadmin',
        mustChangePassword: true,
      });
      return org.name;
    });
    console.log(`已创建系统管理员 ${username}（${orgName}）\n初始密码: ${password}\n首次登录后须修改密码。`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
