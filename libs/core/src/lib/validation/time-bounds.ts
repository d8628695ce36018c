import { DEFAULT_BANDWIDTH, DEFAULT_LATENCY, DEFAULT_SPEED, type ClusterSpec, type ProcessorSpec } from '../model/cluster.js';
import type { EdgeSpec, TaskSpec, WorkflowSpec } from '../model/workflow.js';
import { errorAt, quoteId, type IssueCollector } from './issue-collector.js';
import { jsonPath } from './json-path.js';

/**
 * The largest total time a problem may have: the sum, over the tasks, of each task's longest time on the cluster
 * plus the sum, over the edges, of each edge's longest transfer. A schedule that never waits for nothing (what the
 * schedulers build: every task starts when its processor is free or its last data arrive) ends within that sum, so
 * its times, ranks and sequential times stay below it. The margin to the largest double (1.8e308) leaves room for
 * sums of such times, e.g. the finish times of 10^7 tasks in a mean turnaround, or a rank summed over processors.
 */
export const MAX_TOTAL_TIME = 1e300;

/** The smallest bandwidth: its inverse, the time to move one data unit, must not exceed MAX_TOTAL_TIME either. */
export const MIN_BANDWIDTH = 1 / MAX_TOTAL_TIME;

/** The extremes of the network over pairs of distinct processors: the worst transfer of an edge is bounded by them. */
interface NetworkExtremes {
  maxLatency: number;
  minBandwidth: number;
}

/**
 * Records an error when a problem's total time (as MAX_TOTAL_TIME defines it) exceeds MAX_TOTAL_TIME, at the first
 * task, then edge, in document order whose share takes the running total past it. An edge's longest transfer is
 * bounded by the network's largest latency plus its data over the smallest bandwidth between distinct processors.
 * O(n·m) for tasks with both work and costs, O(n + E + links) otherwise; O(n + E + links) with `taskTimes`, each
 * task's longest time as validateProblem found it (the same number longestTaskTime gives). Expects documents that
 * are valid on their own and a task time on every processor (validateProblem's other checks).
 */
export function checkTotalTime(issues: IssueCollector, workflow: WorkflowSpec, cluster: ClusterSpec, taskTimes?: Float64Array): void {
  const processors = cluster.processors;
  const slowest = processors.reduce((slow, p) => ((p.speed ?? DEFAULT_SPEED) < (slow.speed ?? DEFAULT_SPEED) ? p : slow));
  let total = 0;
  for (let i = 0; i < workflow.tasks.length; i++) {
    const task = workflow.tasks[i]!;
    total += taskTimes ? taskTimes[i]! : longestTaskTime(task, processors, slowest).time;
    if (total > MAX_TOTAL_TIME) {
      // Past the limit (once per document at most): which processor, and whether by an explicit cost, for the message.
      const longest = longestTaskTime(task, processors, slowest);
      const field = longest.explicit ? jsonPath(jsonPath(jsonPath('$.tasks', i), 'costs'), longest.processor.id) : jsonPath(jsonPath('$.tasks', i), 'work');
      const how = longest.explicit ? `an explicit cost of ${longest.time}` : `work ${task.work} / speed ${longest.processor.speed ?? DEFAULT_SPEED}`;
      const message = `takes up to ${longest.time} on processor ${quoteId(longest.processor.id)} (${how}), ${PAST_THE_LIMIT}`;
      // The processor is in the message already: the owner is the task alone.
      errorAt(issues, { path: field, taskId: task.id, processorId: longest.processor.id, owner: `task ${quoteId(task.id)}` }, message);
      return;
    }
  }
  if (processors.length < 2) return;
  const network = networkExtremes(cluster);
  for (const [k, edge] of workflow.edges.entries()) {
    const transfer = longestTransfer(edge, network);
    total += transfer;
    if (total > MAX_TOTAL_TIME) {
      const path = edge.data ? jsonPath(jsonPath('$.edges', k), 'data') : jsonPath('$.edges', k);
      const how = `latency ${network.maxLatency} + data ${edge.data ?? 0} / bandwidth ${network.minBandwidth}`;
      const message = `may take up to ${transfer} to transfer (${how}), ${PAST_THE_LIMIT}`;
      errorAt(issues, { path, taskId: edge.from, owner: `edge ${quoteId(edge.from)} -> ${quoteId(edge.to)}` }, message);
      return;
    }
  }
}

const PAST_THE_LIMIT = `which brings the problem's total time (each task at its longest, each edge at its longest transfer) past the limit of ${MAX_TOTAL_TIME} that keeps schedule times finite`;

/** A task's longest time over the processors, with the processor and whether it is an explicit cost. */
function longestTaskTime(task: TaskSpec, processors: readonly ProcessorSpec[], slowest: ProcessorSpec) {
  const costs = task.costs;
  if (costs === undefined) return { time: task.work! / (slowest.speed ?? DEFAULT_SPEED), processor: slowest, explicit: false };
  let longest = { time: -1, processor: slowest, explicit: false };
  // Own keys only (Object.hasOwn): a processor named "constructor" must not find Object.prototype's member.
  for (const processor of processors) {
    const explicit = Object.hasOwn(costs, processor.id) ? costs[processor.id] : undefined;
    const time = explicit ?? task.work! / (processor.speed ?? DEFAULT_SPEED);
    if (time > longest.time) longest = { time, processor, explicit: explicit !== undefined };
  }
  return longest;
}

function longestTransfer(edge: EdgeSpec, network: NetworkExtremes): number {
  return network.maxLatency + (edge.data ?? 0) / network.minBandwidth;
}

/** The largest latency and smallest bandwidth between distinct processors: links, and the defaults for pairs without one. */
function networkExtremes(cluster: ClusterSpec): NetworkExtremes {
  const network = cluster.network ?? {};
  const defaultLatency = network.latency ?? DEFAULT_LATENCY;
  const defaultBandwidth = network.bandwidth ?? DEFAULT_BANDWIDTH;
  const links = network.links ?? [];
  const m = cluster.processors.length;
  // Links join distinct, known pairs, one link per pair (validateCluster): fewer links than pairs leaves some on the defaults.
  const defaultsUsed = links.length < (m * (m - 1)) / 2;
  let maxLatency = defaultsUsed ? defaultLatency : 0;
  let minBandwidth = defaultsUsed ? defaultBandwidth : Infinity;
  for (const link of links) {
    maxLatency = Math.max(maxLatency, link.latency ?? defaultLatency);
    minBandwidth = Math.min(minBandwidth, link.bandwidth ?? defaultBandwidth);
  }
  return { maxLatency, minBandwidth };
}
