import type { GanttAssignment } from '../lib/gantt-geometry.js';
import type { ScheduleEdge } from '../lib/schedule-analysis.js';

// HEFT's schedule of the paper example (../shared/fixtures/topcuoglu2002/expected-heft.json), makespan 80.
export const PAPER_SCHEDULE: GanttAssignment[] = [
  { task: 'n1', processor: 'p3', start: 0, finish: 9 },
  { task: 'n3', processor: 'p3', start: 9, finish: 28 },
  { task: 'n4', processor: 'p2', start: 18, finish: 26 },
  { task: 'n6', processor: 'p2', start: 26, finish: 42 },
  { task: 'n2', processor: 'p1', start: 27, finish: 40 },
  { task: 'n5', processor: 'p3', start: 28, finish: 38 },
  { task: 'n7', processor: 'p3', start: 38, finish: 49 },
  { task: 'n9', processor: 'p2', start: 56, finish: 68 },
  { task: 'n8', processor: 'p1', start: 57, finish: 62 },
  { task: 'n10', processor: 'p2', start: 73, finish: 80 },
];

// The paper example's edges with their data (../shared/fixtures/topcuoglu2002/workflow.json); bandwidth 1, latency 0.
export const PAPER_EDGES: ScheduleEdge[] = 'n1>n2:18 n1>n3:12 n1>n4:9 n1>n5:11 n1>n6:14 n2>n8:19 n2>n9:16 n3>n7:23 n4>n8:27 n4>n9:23 n5>n9:13 n6>n8:15 n7>n10:17 n8>n10:11 n9>n10:13'
  .split(' ')
  .map((edge) => {
    const [pair, data] = edge.split(':');
    const [from, to] = pair!.split('>');
    return { from: from!, to: to!, data: Number(data) };
  });
