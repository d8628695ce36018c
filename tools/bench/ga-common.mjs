// What the hybrid-GA benchmark scripts share: the random workflows, the clocks, and small formatting helpers.
import { compileProblem } from '@hetsched/core';
import { generateCluster, generateWorkflow } from '@hetsched/formats';
import { loadavg } from 'node:os';

/**
 * A random workflow of the HEFT paper's generator (Topcuoglu et al. 2002: shape 1, out-degree 3, mean cost 20)
 * on `generateCluster({ processors, seed })` (identical processors, bandwidth 1: heterogeneity is in the costs).
 */
export function randomCase({ tasks, ccr, heterogeneity = 1, seed, processors = 8 }) {
  const cluster = generateCluster({ processors, seed });
  const workflow = generateWorkflow({ tasks, processors: cluster.processors.map((p) => p.id), ccr, heterogeneity, seed });
  return { name: `v${tasks} m${processors} ccr${ccr} b${heterogeneity} s${seed}`, workflow, cluster, problem: compileProblem(workflow, cluster) };
}

/**
 * Milliseconds of CPU time of this process (all its threads). As a run's clock it makes a time budget mean CPU
 * time, so that other load on a shared machine does not shorten a single-threaded run; for runs with worker
 * threads it would count every thread's time, so those use the wall clock.
 */
export function cpuClock() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The 1-, 5- and 15-minute load averages, as `uptime` prints them. */
export const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

export const pct = (x, digits = 1) => `${(100 * x).toFixed(digits)}%`;
export const mean = (xs) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
export const row = (cells) => `| ${cells.join(' | ')} |`;
export const fmt = (x) => Math.round(x).toLocaleString('en');
