// A chart drawn by ECharts, loaded lazily; a table with the same figures sits under it
// for screen readers and for printing.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EChartsType } from 'echarts/core';
import type { ChartSpec } from './echarts-chart';
import { t } from '../i18n';

export function TrendChart({ spec, label, onDrawn }: { spec: ChartSpec; label: string; onDrawn?: () => void }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    import('./echarts-chart').then(
      (m) => {
        if (!alive || !el.current) return;
        chart.current = m.drawChart(el.current, spec, chart.current);
        setReady(true);
        onDrawn?.();
      },
      (e) => setFailed(String(e)),
    );
    return () => {
      alive = false;
    };
  }, [spec]);

  useEffect(() => {
    const onResize = () => chart.current?.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);

  return (
    <div class="chart-wrap">
      <div class="chart" ref={el} role="img" aria-label={label} data-ready={ready ? 'yes' : 'no'} />
      {!ready && !failed && <p class="chart-wait" aria-hidden="true">{t('dash.trendLoading')}</p>}
      {failed && <p class="msg msg-error" role="alert">{failed}</p>}
    </div>
  );
}
