import { COVERAGE_STATUS_LABELS, COVERAGE_STATUSES } from '@gongjian/shared';
import { useMemo, useRef } from 'react';
import type { Coverage } from '../../api/types';
import { useEChart } from '../../lib/use-echart';

const COLORS = { own_org: '#c41d1d', joint_branch: '#fa8c16', instructor: '#1677ff', blank: '#bfbfbf' } as const;

/** Stacked bars per child organisation (community or street): how each one's new organisations are covered. */
export function CoverageChart({ coverage }: { coverage: Coverage }) {
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo(() => {
    const rows = coverage.byChild.length > 0 ? coverage.byChild : [{ org: coverage.org, counts: coverage.counts }];
    return {
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'value' as const, minInterval: 1 },
      yAxis: { type: 'category' as const, data: rows.map((r) => r.org.name) },
      series: COVERAGE_STATUSES.map((status) => ({
        name: COVERAGE_STATUS_LABELS[status],
        type: 'bar' as const,
        stack: 'total',
        itemStyle: { color: COLORS[status] },
        label: { show: true, formatter: (p: { value: unknown }) => (p.value ? String(p.value) : '') },
        data: rows.map((r) => r.counts[status]),
      })),
    };
  }, [coverage]);
  useEChart(ref, option);
  return (
    <div
      ref={ref}
      data-testid="coverage-chart"
      style={{ width: '100%', height: 80 + 48 * Math.max(1, coverage.byChild.length) }}
    />
  );
}
