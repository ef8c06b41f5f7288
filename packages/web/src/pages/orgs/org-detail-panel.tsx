import {
  ORG_MANAGEMENT_MODE_LABELS,
  ORG_CHILD_TYPES,
  ORG_SECTOR_LABELS,
  ORG_TYPE_LABELS,
  TERM_STATUS_LABELS,
} from '@gongjian/shared';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Descriptions, Flex, Skeleton, Tabs, Tag, Typography } from 'antd';
import { orgDetailQuery } from '../../api/orgs';
import type { OrgDetail } from '../../api/types';
import { QueryError } from '../../components/query-error';
import { formatDate } from '../../lib/format';
import { OrgHistoryTab, OrgMembersTab, OrgRulesTab } from './org-side-tabs';
import { orgSystemText as st } from './org-system.text';
import { OrgTeamTab } from './org-team-tab';
import { orgsText as t } from './orgs.text';

const TERM_COLORS = { overdue: 'red', ending: 'orange', current: 'green' } as const;

type Props = {
  id: number;
  canWrite: boolean;
  /** The account's own organisation: it may be edited but not moved or deleted from here. */
  isScopeRoot: boolean;
  onSelect: (id: number) => void;
  onAction: (action: 'edit' | 'create' | 'move' | 'delete', org: OrgDetail) => void;
};

export function OrgDetailPanel({ id, canWrite, isScopeRoot, onSelect, onAction }: Props) {
  const { data: org, error, isPending } = useQuery(orgDetailQuery(id));
  if (isPending) return <Skeleton active />;
  if (error) return <QueryError error={error} />;

  const canHaveChildren = ORG_CHILD_TYPES[org.type].length > 0;
  const trail = [...org.ancestors.filter((a) => a.id !== org.id), { id: org.id, name: org.name }];
  return (
    <Flex vertical gap="middle">
      <Breadcrumb
        items={trail.map((a) => ({
          key: a.id,
          title: a.id === org.id ? a.name : <Typography.Link onClick={() => onSelect(a.id)}>{a.name}</Typography.Link>,
        }))}
      />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'profile',
            label: st.tabs.profile,
            children: (
              <Flex vertical gap="middle">
                <Descriptions
                  bordered
                  column={2}
                  size="small"
                  items={[
                    { key: 'name', label: t.field.name, children: org.name, span: 2 },
                    { key: 'type', label: t.field.type, children: ORG_TYPE_LABELS[org.type] },
                    { key: 'sector', label: t.field.sector, children: ORG_SECTOR_LABELS[org.sector] },
                    { key: 'code', label: t.field.code, children: org.code ?? '—' },
                    { key: 'foundedOn', label: t.field.foundedOn, children: formatDate(org.foundedOn) },
                    { key: 'childCount', label: t.field.childCount, children: t.count(org.childCount) },
                    { key: 'memberCount', label: t.field.memberCount, children: t.people(org.memberCount) },
                    { key: 'address', label: st.profile.address, children: org.address ?? '—' },
                    { key: 'unitName', label: st.profile.unitName, children: org.unitName ?? '—' },
                    {
                      key: 'managementMode',
                      label: st.profile.managementMode,
                      children: ORG_MANAGEMENT_MODE_LABELS[org.managementMode],
                    },
                    {
                      key: 'term',
                      label: st.profile.term,
                      children: org.termStartedOn ? (
                        <>
                          {st.profile.termRange(org.termStartedOn, org.termEndsOn)}{' '}
                          {org.termStatus && (
                            <Tag color={TERM_COLORS[org.termStatus]}>{TERM_STATUS_LABELS[org.termStatus]}</Tag>
                          )}
                        </>
                      ) : (
                        st.profile.noTerm
                      ),
                    },
                    ...(org.coveredUnits.length > 0
                      ? [
                          {
                            key: 'coveredUnits',
                            label: st.profile.coveredUnits,
                            span: 2,
                            children: org.coveredUnits.map((u) => u.name).join('、'),
                          },
                        ]
                      : []),
                  ]}
                />
                {canWrite && (
                  <Flex gap="small" wrap>
                    <Button icon={<EditOutlined />} onClick={() => onAction('edit', org)}>
                      {t.actions.edit}
                    </Button>
                    {canHaveChildren && (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => onAction('create', org)}>
                        {t.actions.create}
                      </Button>
                    )}
                    {!isScopeRoot && (
                      <>
                        <Button icon={<DragOutlined />} onClick={() => onAction('move', org)}>
                          {t.actions.move}
                        </Button>
                        <Button danger icon={<DeleteOutlined />} onClick={() => onAction('delete', org)}>
                          {t.actions.delete}
                        </Button>
                      </>
                    )}
                  </Flex>
                )}
              </Flex>
            ),
          },
          { key: 'team', label: st.tabs.team, children: <OrgTeamTab orgId={org.id} canWrite={canWrite} /> },
          { key: 'members', label: st.tabs.members, children: <OrgMembersTab org={org} /> },
          { key: 'rules', label: st.tabs.rules, children: <OrgRulesTab orgId={org.id} /> },
          { key: 'history', label: st.tabs.history, children: <OrgHistoryTab org={org} /> },
        ]}
      />
    </Flex>
  );
}
