import { SESSION_IDLE_MINUTES } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { audited } from '../db/audited.js';
import { queryRows } from '../db/client.js';
import { SYSTEM_AUDIT } from '../db/audited.js';
import type { Job } from '../scheduler/runner.js';
import { defineModule } from '../module.js';
import { registerAuth } from './auth.routes.js';

/** Sessions idle past their time, deleted (the check at each request refuses them anyway). */
const sessionsCleanup: Job = {
  name: 'sessions.cleanup',
  label: '清理已过期的登录会话（闲置超过30分钟）',
  schedule: { everyMinutes: 15 },
  async run({ db, now }) {
    const rows = await audited(db, SYSTEM_AUDIT, 'job.sessions_cleanup', (tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`with gone as (delete from sessions
               where last_seen_at < ${now.toISOString()}::timestamptz - make_interval(mins => ${SESSION_IDLE_MINUTES})
               returning 1)
            select count(*)::int as n from gone`,
      ),
    );
    return { deleted: rows[0]?.n ?? 0 };
  },
};

/** Login, sessions, the caller's own account and password. */
export const authModule = defineModule({
  name: 'auth',
  routes: registerAuth,
  fieldLabels: {
    username: '用户名',
    password: '密码',
    currentPassword: '当前密码',
    newPassword: '新密码',
  },
  auditActions: {
    'auth.login': '登录',
    'auth.login_failed': '登录失败',
    'auth.login_refused_locked': '登录被拒（登录失败次数过多）',
    'auth.login_refused_disabled': '登录被拒（账号已停用）',
    'auth.account_locked': '账号因多处登录失败被锁定',
    'auth.password_change': '修改密码',
    'auth.logout': '退出登录',
    'job.sessions_cleanup': '定时任务：清理过期会话',
  },
  jobs: [sessionsCleanup],
});
