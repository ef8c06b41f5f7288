import { REMEDY_LABELS, type RemedyKind } from '@gongjian/shared';
import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { BlankSpot } from '../../api/types';
import { JointBranchModal } from './joint-branch-modal';
import { newOrgsText as t } from './new-orgs.text';

// Names stay on one line (a long reason beside them wraps instead of squeezing them to a character per line).
const oneLine = () => ({ style: { whiteSpace: 'nowrap' as const } });

const REMEDY_COLORS: Record<RemedyKind, string> = { own_branch: 'red', joint_branch: 'orange', instructor: 'blue' };

export function BlankSpots({ blanks, canWrite }: { blanks: BlankSpot[]; canWrite: boolean }) {
  // The units of the joint branch being shown before it is made.
  const [joining, setJoining] = useState<number[] | null>(null);
  const columns: TableColumnsType<BlankSpot> = [
    { title: t.column.name, dataIndex: 'name', onCell: oneLine },
    { title: t.column.org, key: 'org', onCell: oneLine, render: (_, b) => b.org.name },
    { title: t.column.industry, dataIndex: 'industry', width: 100 },
    { title: t.column.partyMembers, dataIndex: 'partyMembers', width: 70 },
    {
      title: t.column.remedy,
      key: 'remedy',
      render: (_, b) => (
        <>
          <Tag color={REMEDY_COLORS[b.remedy.kind]}>{REMEDY_LABELS[b.remedy.kind]}</Tag>
          <Typography.Text type="secondary">{b.remedy.reason}</Typography.Text>
          {b.remedy.kind === 'joint_branch' && (
            <div>
              <Typography.Text type="secondary">
                {t.partners(b.remedy.partners.map((p) => p.name).join('、'))}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t.column.action,
      key: 'action',
      width: 170,
      render: (_, b) =>
        b.remedy.kind === 'joint_branch' ? (
          <Button type="primary" size="small" onClick={() => setJoining(b.remedy.partners.map((p) => p.id))}>
            {t.createJoint}
          </Button>
        ) : null,
    });
  }
  return (
    <>
      <Table<BlankSpot>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={blanks}
        pagination={false}
        locale={{ emptyText: t.noBlanks }}
      />
      {joining && <JointBranchModal newOrgIds={joining} onClose={() => setJoining(null)} />}
    </>
  );
}
