import type { ConvergenceSeries } from '../lib/progress.js';
import { LineChart } from './LineChart.js';

/** Up to this many generations are listed in a data attribute, for the browser tests to compare with the run's events. */
const LISTED_POINTS = 2000;

/** Best and mean objective per generation, and HEFT's as a line: the GA's convergence (hybrid-ga's progress). */
export function ConvergenceChart({ series }: { series: ConvergenceSeries }) {
  const hasHeft = series.heft.some((v) => v !== null);
  const data: [number[], ...(number | null)[][]] = hasHeft ? [series.generation, series.best, series.mean, series.heft] : [series.generation, series.best, series.mean];
  const lines = [
    { label: 'best', stroke: '#e15759' },
    { label: 'mean', stroke: '#4e79a7' },
    ...(hasHeft ? [{ label: 'HEFT', stroke: '#59a14f', dash: [6, 4] }] : []),
  ];
  return (
    <LineChart
      data={data}
      series={lines}
      xLabel="generation"
      yLabel="objective (makespan)"
      testId="convergence"
      dataAttributes={{
        points: series.generation.length,
        'last-generation': series.generation[series.generation.length - 1] ?? '',
        ...(series.generation.length <= LISTED_POINTS ? { generations: series.generation.join(',') } : {}),
      }}
    />
  );
}
