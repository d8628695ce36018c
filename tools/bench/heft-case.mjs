// One benchmark case in its own process, so its peak memory is its own: generate a random workflow
// (Topcuoglu et al. 2002 parameters), compile it, run HEFT, check the schedule. Prints one JSON line.
import { parseArgs } from 'node:util';
import { checkSchedule, compileProblem, toAssignments } from '@hetsched/core';
import { generateCluster, generateWorkflow } from '@hetsched/formats';
import { heft } from '@hetsched/scheduler-heft';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string' },
    processors: { type: 'string' },
    ccr: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '3' },
    check: { type: 'boolean', default: false },
  },
});
const tasks = Number(values.tasks);
const processors = Number(values.processors);
const seconds = (from) => (performance.now() - from) / 1000;

let t = performance.now();
const cluster = generateCluster({ processors, seed: Number(values.seed), speed: [1, 4] });
const workflow = generateWorkflow({ tasks, processors: cluster.processors.map((p) => p.id), ccr: Number(values.ccr), seed: Number(values.seed) });
const generateSeconds = seconds(t);

t = performance.now();
const problem = compileProblem(workflow, cluster);
const compileSeconds = seconds(t);

// The first run warms the JIT up; report the best and the median of the rest.
const runs = [];
let schedule;
for (let i = 0; i <= Number(values.repeat); i++) {
  t = performance.now();
  schedule = heft(problem);
  if (i > 0) runs.push(seconds(t));
}
runs.sort((a, b) => a - b);

let valid = null;
if (values.check) valid = checkSchedule(workflow, cluster, toAssignments(problem, schedule)).valid;

let makespan = 0;
for (const f of schedule.finish) makespan = Math.max(makespan, f);
process.stdout.write(
  `${JSON.stringify({
    tasks,
    processors,
    edges: problem.edgeCount,
    generateSeconds,
    compileSeconds,
    heftSecondsBest: runs[0],
    heftSecondsMedian: runs[Math.floor(runs.length / 2)],
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    makespan,
    valid,
  })}\n`,
);
