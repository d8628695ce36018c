// The exact scheduler on the twelve problems of ../shared/fixtures/saga/ (17-40 tasks, 2-6 processors): its best
// schedule and proven lower bound beside the best valid makespan of SAGA's heuristics, so each heuristic's distance
// from the optimum is bounded. A benchmark script, not production code; build first:
//   NX_DAEMON=false npx nx run-many -t build -p scheduler-exact
// Usage: node libs/schedulers/exact/bench/saga-fixtures.mjs [--fixtures DIR] [--limit 10000] [--clock wall|cpu]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileProblem } from '@hetsched/core';
import { solveExact } from '../dist/index.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const { values } = parseArgs({
  options: {
    fixtures: { type: 'string', default: join(root, '../shared/fixtures/saga') },
    limit: { type: 'string', default: '10000' },
    clock: { type: 'string', default: 'wall' },
  },
});
const limit = Number(values.limit);
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const now = values.clock === 'cpu' ? cpuNow : () => performance.now();
const read = (dir, name) => JSON.parse(readFileSync(join(values.fixtures, dir, name), 'utf8'));
// SAGA's figures are rounded to 6 decimals: a makespan equal to the optimum may read a hair below it.
const percent = (x) => `${Math.abs(x) < 5e-4 ? '0.0' : (100 * x).toFixed(1)}%`;

console.log(`Time limit ${limit} ms of ${values.clock === 'cpu' ? 'CPU' : 'wall-clock'} time per problem.\n`);
console.log('| problem | tasks | procs | best SAGA heuristic | its makespan | exact: best | lower bound | proven | SAGA best above the bound | time (s) |');
console.log('|---|---:|---:|---|---:|---:|---:|:--:|---:|---:|');
for (const dir of readdirSync(values.fixtures).filter((d) => d.startsWith('saga-')).sort()) {
  const saga = read(dir, 'saga-results.json');
  const problem = compileProblem(read(dir, 'workflow.json'), read(dir, 'cluster.json'));
  const [bestName, best] = Object.entries(saga.saga)
    .filter(([, r]) => r.valid)
    .sort((a, b) => a[1].makespan - b[1].makespan)[0];
  const result = await solveExact(problem, { timeLimitMs: limit, now });
  const cells = [
    dir,
    problem.taskCount,
    problem.processorCount,
    bestName,
    best.makespan.toFixed(2),
    result.makespan.toFixed(2),
    result.lowerBound.toFixed(2),
    result.optimal ? 'yes' : 'no',
    percent(best.makespan / result.lowerBound - 1),
    (result.timeMs / 1000).toFixed(1),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
