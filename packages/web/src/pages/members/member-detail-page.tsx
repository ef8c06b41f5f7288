import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { memberQuery, revealMember } from '../../api/members';
import { useCan } from '../../auth/use-me';
import { FullPageSpin } from '../../components/full-page-spin';
import { QueryError } from '../../components/query-error';
import { formatDate } from '../../lib/format';
import { ConvertModal } from './convert-modal';
import { GENDER_LABELS, MANAGEMENT_MODE_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS } from './member-labels';
import { MemberFormModal } from './member-form-modal';
import { membersText as t } from './members.text';
import { TransferModal } from '../transfers/transfer-modal';
import { MemberOrgLifeCard } from '../appraisal/member-org-life-card';
import { MemberMeetings } from '../org-life/member-meetings';

const f = t.detail.fields;

export function MemberDetailPage() {
  const id = Number(useParams().id);
  const { data: member, error, isPending } = useQuery(memberQuery(id));
  const mayWrite = useCan('member.write');
  const canReveal = useCan('member.sensitive');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [modal, setModal] = useState<'edit' | 'convert' | 'transfer' | null>(null);
  const reveal = useMutation({
    mutationFn: () => revealMember(id),
    onSuccess: () => message.info(t.detail.revealed),
    onError: (e) => message.error(errorMessage(e)),
  });
  if (isPending) return <FullPageSpin />;
  if (error || !member) return <QueryError error={error} />;
  const shown = reveal.data;
  // A member who left the platform keeps the page, read-only.
  const canWrite = mayWrite && !member.leftOn;

  return (
    <Card
      title={
        <Space>
          <Link to="/members">
            <ArrowLeftOutlined /> {t.detail.back}
          </Link>
          <span>{member.name}</span>
          <Tag color={member.status === 'full' ? 'red' : 'orange'}>{MEMBER_STATUS_LABELS[member.status]}</Tag>
          {member.leftOn && <Tag>{t.detail.leftTag}</Tag>}
        </Space>
      }
      extra={
        <Space>
          {canReveal && !shown && (
            <Button icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>
              {t.detail.reveal}
            </Button>
          )}
          {canWrite && member.status === 'probationary' && (
            <Button onClick={() => setModal('convert')}>{t.detail.convert}</Button>
          )}
          {canWrite && <Button onClick={() => setModal('transfer')}>{t.detail.transfer}</Button>}
          {canWrite && (
            <Button type="primary" onClick={() => setModal('edit')}>
              {t.detail.edit}
            </Button>
          )}
        </Space>
      }
    >
      {member.leftOn && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t.detail.left(member.leftOn)}
          description={member.leftReason}
        />
      )}
      <Descriptions bordered size="small" column={3}>
        <Descriptions.Item label={f.name}>{member.name}</Descriptions.Item>
        <Descriptions.Item label={f.gender}>{GENDER_LABELS[member.gender]}</Descriptions.Item>
        <Descriptions.Item label={f.ethnicity}>{member.ethnicity ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={f.idNumber}>{shown?.idNumber ?? member.idNumber}</Descriptions.Item>
        <Descriptions.Item label={f.birthDate}>{formatDate(member.birthDate)}</Descriptions.Item>
        <Descriptions.Item label={f.phone}>{shown ? (shown.phone ?? '—') : (member.phone ?? '—')}</Descriptions.Item>
        <Descriptions.Item label={f.education}>{member.education ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={f.joinedOn}>{formatDate(member.joinedOn)}</Descriptions.Item>
        <Descriptions.Item label={member.status === 'probationary' ? t.detail.probationEnds : f.fullMemberOn}>
          {formatDate(member.status === 'probationary' ? member.probationEndsOn : member.fullMemberOn)}
        </Descriptions.Item>
        <Descriptions.Item label={f.category}>{MEMBER_CATEGORY_LABELS[member.category]}</Descriptions.Item>
        <Descriptions.Item label={f.managementMode}>{MANAGEMENT_MODE_LABELS[member.managementMode]}</Descriptions.Item>
        <Descriptions.Item label={f.org}>{member.orgName}</Descriptions.Item>
        <Descriptions.Item label={f.residence}>{member.residence ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={f.employer}>{member.employer ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={f.tags}>
          {member.tags.length ? member.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Card type="inner" title={t.detail.history} style={{ marginTop: 16 }}>
        <Timeline
          items={member.history.map((h) => ({
            children: `${h.fromOn} — ${h.toOn ?? t.detail.historyNow}：${h.orgName}（${h.reason}）${h.endReason ? `；${h.endReason}` : ''}`,
          }))}
        />
      </Card>
      <MemberOrgLifeCard memberId={member.id} />
      <MemberMeetings memberId={member.id} />
      {modal === 'edit' && <MemberFormModal member={member} onClose={() => setModal(null)} />}
      {modal === 'convert' && <ConvertModal member={member} onClose={() => setModal(null)} />}
      {modal === 'transfer' && (
        <TransferModal
          member={member}
          onClose={() => {
            setModal(null);
            void queryClient.invalidateQueries({ queryKey: ['transfers'] });
          }}
        />
      )}
    </Card>
  );
}
