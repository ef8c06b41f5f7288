import { MEMBER_STATUS_LABELS } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { createJointBranch, jointBranchPreviewQuery } from '../../api/org-system';
import { ORGS_KEY } from '../../api/orgs';
import type { paths } from '../../api/schema';
import { QueryError } from '../../components/query-error';
import { newOrgsText as t } from './new-orgs.text';

type Preview = paths['/api/coverage/joint-branches/preview']['get']['responses'][200]['content']['application/json'];
type Candidate = Preview['members'][number];

/**
 * 一键组建联合党支部, shown before it is made: the branch's name, where it goes, the units it covers and their party
 * members on the roster, each with a checkbox (all chosen at first); confirming creates it and moves the chosen in.
 */
export function JointBranchModal({ newOrgIds, onClose }: { newOrgIds: number[]; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery(jointBranchPreviewQuery(newOrgIds));
  const [chosen, setChosen] = useState<number[]>([]);
  useEffect(() => {
    if (data) setChosen(data.members.map((m) => m.id));
  }, [data]);
  const create = useMutation({
    mutationFn: () => createJointBranch(newOrgIds, chosen),
    onSuccess: async (created) => {
      message.success(t.jointCreated(created.name, created.memberIds.length));
      await queryClient.invalidateQueries({ queryKey: ORGS_KEY });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const columns: TableColumnsType<Candidate> = [
    { title: t.joint.memberName, dataIndex: 'name', width: 100, ellipsis: true },
    {
      title: t.joint.memberStatus,
      dataIndex: 'status',
      width: 90,
      render: (s: Candidate['status']) => MEMBER_STATUS_LABELS[s],
    },
    { title: t.joint.memberOrg, key: 'org', ellipsis: true, render: (_, m) => m.org.name },
    { title: t.joint.employer, dataIndex: 'employer', ellipsis: true },
  ];
  return (
    <Modal
      open
      width={720}
      title={t.joint.title}
      okText={t.joint.ok}
      onOk={() => create.mutate()}
      okButtonProps={{ disabled: !data }}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <QueryError error={error} />}
      {isPending && <Typography.Text type="secondary">…</Typography.Text>}
      {data && (
        <>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'name', label: t.joint.name, children: data.name },
              { key: 'parent', label: t.joint.parent, children: data.parent.name },
              {
                key: 'units',
                label: t.joint.units,
                children: data.units.map((u) => (
                  <div key={u.id}>{t.joint.unit(u.name, u.industry, u.partyMembers)}</div>
                )),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t.joint.members}
          </Typography.Title>
          {data.members.length === 0 ? (
            <Typography.Paragraph type="secondary">{t.joint.noMembers}</Typography.Paragraph>
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                {t.joint.membersHint} {t.joint.chosen(chosen.length, data.members.length)}
              </Typography.Paragraph>
              <Table<Candidate>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={data.members}
                pagination={false}
                scroll={{ y: 320 }}
                rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as number[]) }}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
