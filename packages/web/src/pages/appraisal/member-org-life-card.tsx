import { APPRAISAL_GRADE_LABELS, APPRAISAL_MEASURE_LABELS, APPRAISAL_STAGE_LABELS, fenToYuan } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { memberAppraisalsQuery } from '../../api/appraisal';
import { memberDuesQuery } from '../../api/dues';
import { useCan } from '../../auth/use-me';
import { appraisalText as t } from './appraisal.text';

/** On a member's console page: dues paid up to and the yearly appraisal results (the member's record). */
export function MemberOrgLifeCard({ memberId }: { memberId: number }) {
  const can = useCan('orglife.read');
  const dues = useQuery({ ...memberDuesQuery(memberId), enabled: can });
  const appraisals = useQuery({ ...memberAppraisalsQuery(memberId), enabled: can });
  if (!can) return null;
  const results = appraisals.data?.items ?? [];
  return (
    <Card title={t.memberCard} size="small" style={{ marginTop: 16 }} data-testid="member-org-life">
      {/* Plain paragraphs, not Descriptions: the page's profile is its one descriptions list. */}
      <Typography.Paragraph>
        {t.duesPaidTo}：{dues.data?.paidTo ?? t.none}
        {dues.data?.monthlyFen != null && `（${t.duesMonthly}${fenToYuan(dues.data.monthlyFen)}元）`}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {t.appraisals}：
        {results.length === 0
          ? t.none
          : results
              .map((r) =>
                r.stage !== 'closed'
                  ? `${r.year}年 ${APPRAISAL_STAGE_LABELS[r.stage]}`
                  : `${r.year}年 ${r.probationary ? t.notGraded : r.grade ? APPRAISAL_GRADE_LABELS[r.grade] : '—'}${r.measure ? `（${APPRAISAL_MEASURE_LABELS[r.measure]}）` : ''}`,
              )
              .join('；')}
      </Typography.Paragraph>
    </Card>
  );
}
