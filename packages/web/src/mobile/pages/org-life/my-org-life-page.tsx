import {
  ABSENCE_REASON_LABELS,
  ABSENCE_REASONS,
  type AbsenceReason,
  ATTENDANCE_STATUS_LABELS,
  MEETING_TYPE_LABELS,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import List from 'antd-mobile/es/components/list';
import TextArea from 'antd-mobile/es/components/text-area';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { cancelLeave, leaveMeeting, type MyMeeting, myMeetingsQuery, ORG_LIFE_KEY } from '../../../api/org-life';
import { WORKBENCH_KEY } from '../../../api/workbench';
import { LoadError, Loading } from '../../layout/query-state';
import { myOrgLifeText as t } from './org-life.text';

/** 我的组织生活: what is coming (and the way to say I cannot come), then what I attended. */
export function MyOrgLifePage() {
  const upcoming = useQuery(myMeetingsQuery('upcoming'));
  const past = useQuery(myMeetingsQuery('past'));
  if (upcoming.isPending || past.isPending) return <Loading />;
  if (upcoming.error) return <LoadError error={upcoming.error} retry={() => void upcoming.refetch()} />;
  if (past.error) return <LoadError error={past.error} retry={() => void past.refetch()} />;
  return (
    <>
      <List mode="card" header={t.upcoming}>
        {upcoming.data.items.length === 0 && <List.Item>{t.none}</List.Item>}
        {upcoming.data.items.map((m) => (
          <Upcoming key={m.id} meeting={m} />
        ))}
      </List>
      <List mode="card" header={t.past}>
        {past.data.items.length === 0 && <List.Item>{t.nonePast}</List.Item>}
        {past.data.items.map((m) => (
          <List.Item
            key={m.id}
            description={`${m.heldOn} · ${m.orgName}`}
            extra={
              m.attendance
                ? `${ATTENDANCE_STATUS_LABELS[m.attendance]}${m.absenceReason ? `（${ABSENCE_REASON_LABELS[m.absenceReason]}）` : ''}`
                : ''
            }
          >
            {MEETING_TYPE_LABELS[m.type]}：{m.topic}
          </List.Item>
        ))}
      </List>
    </>
  );
}

function Upcoming({ meeting: m }: { meeting: MyMeeting }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<AbsenceReason>();
  const [note, setNote] = useState('');
  const tap = { minHeight: 'var(--m-tap)' };
  const done = async (text: string) => {
    Toast.show({ content: text });
    setOpen(false);
    await queryClient.invalidateQueries({ queryKey: ORG_LIFE_KEY });
    await queryClient.invalidateQueries({ queryKey: WORKBENCH_KEY });
  };
  const leave = useMutation({
    mutationFn: () => leaveMeeting(m.id, { reason: reason as AbsenceReason, note: note.trim() || null }),
    onSuccess: () => done(t.sent),
    onError: (e) => Toast.show({ content: errorMessage(e) }),
  });
  const undo = useMutation({
    mutationFn: () => cancelLeave(m.id),
    onSuccess: () => done(t.undone),
    onError: (e) => Toast.show({ content: errorMessage(e) }),
  });
  return (
    <List.Item
      data-testid="upcoming-meeting"
      description={
        <>
          <div>{t.when(m.heldOn, m.startTime, m.endTime)}</div>
          <div>{t.place(m.place, m.online)}</div>
          <div>{m.orgName}</div>
          {m.leaveReason ? (
            <div style={{ marginTop: 8 }}>
              <span className="m-error">{t.onLeave(ABSENCE_REASON_LABELS[m.leaveReason])}</span>{' '}
              <Button fill="outline" style={tap} loading={undo.isPending} onClick={() => undo.mutate()}>
                {t.undo}
              </Button>
            </div>
          ) : open ? (
            <div style={{ marginTop: 8 }} role="group" aria-label={t.reasonLabel}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
                {ABSENCE_REASONS.map((r) => (
                  <Button
                    key={r}
                    style={tap}

                    color={reason === r ? 'primary' : 'default'}
                    aria-pressed={reason === r}
                    onClick={() => setReason(r)}
                  >
                    {ABSENCE_REASON_LABELS[r]}
                  </Button>
                ))}
              </div>
              <TextArea placeholder={t.notePlaceholder} value={note} onChange={setNote} maxLength={200} rows={2} />
              <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
                <Button
                  color="primary"
                  style={tap}

                  loading={leave.isPending}
                  onClick={() => {
                    if (reason) leave.mutate();
                    else Toast.show({ content: t.chooseReason });
                  }}
                >
                  {t.send}
                </Button>
                <Button style={tap} onClick={() => setOpen(false)}>
                  {t.cancel}
                </Button>
              </div>
            </div>
          ) : (
            <Button fill="outline" style={{ ...tap, marginTop: 8 }} onClick={() => setOpen(true)}>
              {t.cannotCome}
            </Button>
          )}
        </>
      }
    >
      {MEETING_TYPE_LABELS[m.type]}：{m.topic}
    </List.Item>
  );
}
