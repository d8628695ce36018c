import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface LineSeries {
  label: string;
  stroke: string;
  dash?: number[];
}

export interface LineChartProps {
  /** x values (ascending), then one array per series, nulls where a series has no value. */
  data: [number[], ...(number | null)[][]];
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  height?: number;
  testId?: string;
  /** Extra attributes for tests (the points on the chart). */
  dataAttributes?: Record<string, string | number>;
}

/**
 * A line chart with uPlot (canvas, ~50 kB): made once, then fed new data with setData, so a live chart that gains
 * a point ten times a second redraws without rebuilding. It follows its container's width.
 */
export function LineChart({ data, series, xLabel, yLabel, height = 260, testId, dataAttributes = {} }: LineChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const labels = JSON.stringify(series);

  useEffect(() => {
    const element = holder.current!;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      scales: { x: { time: false } },
      axes: [{ label: xLabel }, { label: yLabel, size: 60 }],
      series: [{ label: xLabel }, ...(JSON.parse(labels) as LineSeries[]).map((s) => ({ label: s.label, stroke: s.stroke, width: 2, dash: s.dash, spanGaps: true }))],
      legend: { show: true },
    };
    plot.current = new uPlot(options, data as uPlot.AlignedData, element);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Data updates go through setData below; only the chart's shape rebuilds it.
  }, [labels, xLabel, yLabel, height]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  const attributes = Object.fromEntries(Object.entries(dataAttributes).map(([k, v]) => [`data-${k}`, String(v)]));
  return <div ref={holder} className="line-chart" data-testid={testId} {...attributes} />;
}
