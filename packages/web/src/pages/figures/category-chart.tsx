import { MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS } from '@gongjian/shared';
import { useMemo, useRef } from 'react';
import type { OrgFigures } from '../../api/types';
import { useEChart } from '../../lib/use-echart';

/** Members of the subtree by category (党员类别), as a ring. */
export function CategoryChart({ members }: { members: OrgFigures['members'] }) {
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' as const, formatter: '{b}：{c} 人（{d}%）' },
      legend: { orient: 'vertical' as const, right: 0, top: 'middle' },
      series: [
        {
          type: 'pie' as const,
          radius: ['45%', '72%'],
          center: ['38%', '50%'],
          label: { formatter: '{b}\n{c}' },
          data: MEMBER_CATEGORIES.map((c) => ({
            name: MEMBER_CATEGORY_LABELS[c],
            value: members.byCategory[c] ?? 0,
          })).filter((d) => d.value > 0),
        },
      ],
    }),
    [members],
  );
  useEChart(ref, option);
  return <div ref={ref} data-testid="category-chart" style={{ width: '100%', height: 280 }} />;
}
