import { ORG_TYPE_LABELS } from '@gongjian/shared';
import { Space, Tag, Typography } from 'antd';
import type { OrgNode } from '../../api/types';
import { orgsText as t } from './orgs.text';

export function OrgTreeTitle({ org }: { org: OrgNode }) {
  return (
    <Space size={4} style={{ whiteSpace: 'nowrap' }}>
      <span>{org.name}</span>
      <Tag color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
        {ORG_TYPE_LABELS[org.type]}
      </Tag>
      <Typography.Text type="secondary">{t.members(org.memberCount)}</Typography.Text>
    </Space>
  );
}
