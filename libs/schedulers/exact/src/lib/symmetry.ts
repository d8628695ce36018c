import type { SchedulingProblem } from '@hetsched/core';

/**
 * For each processor, the closest lower-indexed processor identical to it, or -1. Two processors are identical
 * when exchanging them maps the problem onto itself: every task costs the same on both, and their links to every
 * third processor have the same latency and bandwidth (their link to each other is symmetric already). This is an
 * equivalence (transitive: see the README), so identical processors form classes, and any schedule stays valid
 * with the same makespan when the processors of a class are relabelled. O(m²·(n + m)).
 */
export function previousIdenticalProcessor(problem: SchedulingProblem): Int32Array {
  const m = problem.processorCount;
  const previous = new Int32Array(m).fill(-1);
  for (let p = 1; p < m; p++) {
    for (let q = p - 1; q >= 0; q--) {
      if (identical(problem, q, p)) {
        previous[p] = q;
        break;
      }
    }
  }
  return previous;
}

function identical(problem: SchedulingProblem, p: number, q: number): boolean {
  const { taskCount: n, processorCount: m, cost, latency, inverseBandwidth } = problem;
  for (let t = 0; t < n; t++) if (cost[t * m + p] !== cost[t * m + q]) return false;
  for (let r = 0; r < m; r++) {
    if (r === p || r === q) continue;
    if (latency[p * m + r] !== latency[q * m + r] || inverseBandwidth[p * m + r] !== inverseBandwidth[q * m + r]) return false;
  }
  return true;
}
