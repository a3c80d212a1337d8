// ECharts in its own chunk: only screens with a chart load it. Lines for trends, bars side by
// side or stacked for comparing units and periods.
import { init, use, type EChartsType } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartKind = 'line' | 'bar' | 'stacked';

export interface ChartSpec {
  kind?: ChartKind;
  categories: string[];
  series: { name: string; data: (number | null)[] }[];
  format: (v: number) => string;
}

// Distinguishable in print and for the common colour-vision deficiencies.
const COLORS = ['#0b5cad', '#c2410c', '#15803d', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f', '#6b7280', '#1e3a8a'];

export function drawChart(el: HTMLElement, spec: ChartSpec, previous?: EChartsType): EChartsType {
  const chart = previous ?? init(el, undefined, { renderer: 'canvas' });
  const kind = spec.kind ?? 'line';
  // Long unit names along the axis are turned, not cut.
  const longLabels = spec.categories.length > 6 && spec.categories.some((c) => c.length > 10);
  chart.setOption(
    {
      color: COLORS,
      animation: false,
      grid: { left: 64, right: 16, top: spec.series.length > 4 ? 64 : 40, bottom: longLabels ? 96 : 28 },
      legend: { top: 0, type: 'scroll', textStyle: { color: '#1f2937' } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? spec.format(v) : '–') },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { color: '#374151', rotate: longLabels ? 35 : 0, interval: 0 } },
      yAxis: { type: 'value', axisLabel: { color: '#374151', formatter: (v: number) => spec.format(v) } },
      series: spec.series.map((s) => kind === 'line'
        ? { type: 'line', name: s.name, data: s.data, symbolSize: 6, connectNulls: false }
        : { type: 'bar', name: s.name, data: s.data, stack: kind === 'stacked' ? 'all' : undefined, barMaxWidth: 40 }),
    },
    true,
  );
  return chart;
}
