// The ECharts part of the trend chart, in its own chunk: only screens with charts load it.
import { init, use, type EChartsType } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface LineSpec {
  categories: string[];
  series: { name: string; data: (number | null)[] }[];
  format: (v: number) => string;
}

const COLORS = ['#0b5cad', '#c2410c', '#15803d', '#7c3aed'];

export function drawLines(el: HTMLElement, spec: LineSpec, previous?: EChartsType): EChartsType {
  const chart = previous ?? init(el, undefined, { renderer: 'canvas' });
  chart.setOption(
    {
      color: COLORS,
      animation: false,
      grid: { left: 56, right: 16, top: 40, bottom: 28 },
      legend: { top: 0, textStyle: { color: '#1f2937' } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? spec.format(v) : '–') },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { color: '#374151' } },
      yAxis: { type: 'value', axisLabel: { color: '#374151', formatter: (v: number) => spec.format(v) } },
      series: spec.series.map((s) => ({ type: 'line', name: s.name, data: s.data, symbolSize: 6, connectNulls: false })),
    },
    true,
  );
  return chart;
}
