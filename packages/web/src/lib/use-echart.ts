import { type RefObject, useEffect } from 'react';
import { echarts } from './echarts';

type ChartOption = Parameters<ReturnType<typeof echarts.init>['setOption']>[0];

/** Draws `option` into the element, follows the window's size, and disposes the chart with the component. */
export function useEChart(ref: RefObject<HTMLDivElement | null>, option: ChartOption): void {
  useEffect(() => {
    if (!ref.current) return undefined;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [ref, option]);
}
