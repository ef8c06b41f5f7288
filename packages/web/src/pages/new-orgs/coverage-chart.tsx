import { COVERAGE_STATUS_LABELS, COVERAGE_STATUSES } from '@gongjian/shared';
import { echarts } from '../../lib/echarts';
import { useEffect, useRef } from 'react';
import type { Coverage } from '../../api/types';

const COLORS = { own_org: '#c41d1d', joint_branch: '#fa8c16', instructor: '#1677ff', blank: '#bfbfbf' } as const;

/** Stacked bars per child organisation (community or street): how each one's new organisations are covered. */
export function CoverageChart({ coverage }: { coverage: Coverage }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const chart = echarts.init(ref.current);
    const rows = coverage.byChild.length > 0 ? coverage.byChild : [{ org: coverage.org, counts: coverage.counts }];
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.org.name) },
      series: COVERAGE_STATUSES.map((status) => ({
        name: COVERAGE_STATUS_LABELS[status],
        type: 'bar',
        stack: 'total',
        itemStyle: { color: COLORS[status] },
        label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        data: rows.map((r) => r.counts[status]),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [coverage]);
  return (
    <div
      ref={ref}
      data-testid="coverage-chart"
      style={{ width: '100%', height: 80 + 48 * Math.max(1, coverage.byChild.length) }}
    />
  );
}
