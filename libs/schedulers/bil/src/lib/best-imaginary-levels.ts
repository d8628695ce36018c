import type { SchedulingProblem } from '@hetsched/core';

/**
 * Oh & Ha's best imaginary levels, level[t*m + p] = BIL(t, p): the length of the rest of the graph from t on p, each
 * successor on its best processor for this purpose, ignoring every other task:
 *   BIL(t, p) = E(t, p) + max over successors s of min( BIL(s, p), min over q ≠ p of BIL(s, q) + c(t→s, p→q) ),
 * with c = latency(p, q) + data / bandwidth(p, q) on this cluster's links (the paper has a single cost per edge).
 * Computed in reverse topological order. O(E·m²).
 */
export function bestImaginaryLevels(problem: SchedulingProblem): Float64Array {
  const { taskCount: n, processorCount: m, cost, topologicalOrder, succOffsets, succTasks, succData, latency, inverseBandwidth } = problem;
  const level = new Float64Array(n * m);
  const longest = new Float64Array(m);
  for (let k = n - 1; k >= 0; k--) {
    const t = topologicalOrder[k]!;
    longest.fill(0);
    for (let i = succOffsets[t]!; i < succOffsets[t + 1]!; i++) {
      const row = succTasks[i]! * m;
      const data = succData[i]!;
      for (let p = 0; p < m; p++) {
        let best = level[row + p]!;
        for (let q = 0; q < m; q++) {
          if (q === p) continue;
          const elsewhere = level[row + q]! + latency[p * m + q]! + data * inverseBandwidth[p * m + q]!;
          if (elsewhere < best) best = elsewhere;
        }
        if (best > longest[p]!) longest[p] = best;
      }
    }
    for (let p = 0; p < m; p++) level[t * m + p] = cost[t * m + p]! + longest[p]!;
  }
  return level;
}
