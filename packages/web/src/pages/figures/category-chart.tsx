import { MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS } from '@gongjian/shared';
import { useEffect, useRef } from 'react';
import type { OrgFigures } from '../../api/types';
import { echarts } from '../../lib/echarts';

/** Members of the subtree by category (党员类别), as a ring. */
export function CategoryChart({ members }: { members: OrgFigures['members'] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
      legend: { orient: 'vertical', right: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['38%', '50%'],
          label: { formatter: '{b}\n{c}' },
          data: MEMBER_CATEGORIES.map((c) => ({
            name: MEMBER_CATEGORY_LABELS[c],
            value: members.byCategory[c] ?? 0,
          })).filter((d) => d.value > 0),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [members]);
  return <div ref={ref} data-testid="category-chart" style={{ width: '100%', height: 280 }} />;
}
