import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditTargetLabel } from '../src/index.js';

describe('audit labels', () => {
  it('names named actions, entity.verb changes, and leaves unknown ones as they are', () => {
    expect(auditActionLabel('member.reveal')).toBe('查看完整身份证号和电话');
    expect(auditActionLabel('new_organization.update')).toBe('修改两新组织');
    expect(auditActionLabel('member_history.insert')).toBe('新增组织关系历史');
    expect(auditActionLabel('something.odd')).toBe('something.odd');
  });

  it('names the target by entity, id and the recorded name or username', () => {
    expect(
      auditTargetLabel({ entity: 'organization', entityId: '4', before: { name: '旧' }, after: { name: '新' } }),
    ).toBe('党组织 #4 新');
    expect(auditTargetLabel({ entity: 'account', entityId: '2', before: { username: 'zhibu' }, after: null })).toBe(
      '账号 #2 zhibu',
    );
    expect(auditTargetLabel({ entity: 'auth', entityId: null, before: null, after: [1] })).toBe('auth');
  });
});
