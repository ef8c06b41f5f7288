import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditTargetLabel, collectAuditLabels } from '../../src/http/audit-labels.js';
import { MODULES } from '../../src/modules.js';

const labels = collectAuditLabels(MODULES);

describe('audit labels', () => {
  it('names named actions, entity.verb changes, and leaves unknown ones as they are', () => {
    expect(auditActionLabel(labels, 'member.reveal')).toBe('查看完整身份证号和电话');
    expect(auditActionLabel(labels, 'new_organization.update')).toBe('修改两新组织');
    expect(auditActionLabel(labels, 'member_history.insert')).toBe('新增组织关系历史');
    expect(auditActionLabel(labels, 'something.odd')).toBe('something.odd');
  });

  it('names the target by entity, id and the recorded name or username', () => {
    expect(
      auditTargetLabel(labels, {
        entity: 'organization',
        entityId: '4',
        before: { name: '旧' },
        after: { name: '新' },
      }),
    ).toBe('党组织 #4 新');
    expect(
      auditTargetLabel(labels, { entity: 'account', entityId: '2', before: { username: 'zhibu' }, after: null }),
    ).toBe('账号 #2 zhibu');
    expect(auditTargetLabel(labels, { entity: 'auth', entityId: null, before: null, after: [1] })).toBe('auth');
  });

  it('refuses two modules naming one action', () => {
    expect(() =>
      collectAuditLabels([
        { name: 'a', auditActions: { 'x.y': '一' } },
        { name: 'b', auditActions: { 'x.y': '二' } },
      ]),
    ).toThrow('audit action x.y is declared by both a and b');
  });
});
