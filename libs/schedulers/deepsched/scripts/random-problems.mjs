// Random problems for the dev training script: Topcuoglu et al. (2002) layered DAGs (shape α, out-degree, CCR,
// heterogeneity β) on clusters with explicit per-processor costs, labelled by HEFT through core's
// scheduleEarliestFinish(priorityOrder(upwardRanks)). Only core is used (a scheduler lib may not import formats).
import { compileProblem, priorityOrder, Random, scheduleEarliestFinish, upwardRanks } from '@hetsched/core';

const pick = (random, values) => values[random.int(0, values.length - 1)];

/** One problem drawn from the dev training distribution. */
export function randomProblem(random, { tasks, processors } = {}) {
  const n = tasks ?? random.int(20, 120);
  const m = processors ?? random.int(2, 12);
  const alpha = pick(random, [0.5, 1, 2]);
  const ccr = pick(random, [0.1, 0.5, 1, 2, 5, 10]);
  const beta = pick(random, [0.1, 0.5, 1, 1.5, 1.9]);
  const outDegree = random.int(1, 4);
  const meanCost = 20;
  const height = Math.max(1, Math.ceil(Math.sqrt(n) / alpha));
  const level = Array.from({ length: n }, (_, i) => (i < height ? i : random.int(0, height - 1)));
  level.sort((a, b) => a - b);
  const ids = Array.from({ length: n }, (_, i) => `t${i}`);
  const pids = Array.from({ length: m }, (_, p) => `p${p}`);
  // Processor speed factors: a consistent part (some processors faster overall) times per-task noise (β).
  const speed = pids.map(() => random.uniform(0.5, 2));
  const mean = ids.map(() => random.uniform(0, 2 * meanCost) + 0.01);
  const taskSpecs = ids.map((id, i) => {
    const costs = {};
    pids.forEach((p, q) => (costs[p] = +((mean[i] * random.uniform(1 - beta / 2, 1 + beta / 2)) / speed[q]).toFixed(4)));
    return { id, costs };
  });
  const firstAt = [];
  for (let i = n - 1; i >= 0; i--) firstAt[level[i]] = i;
  const edges = [];
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    if (level[i] === height - 1) continue;
    const degree = random.int(1, outDegree);
    for (let d = 0; d < degree; d++) {
      const targetLevel = d === 0 ? level[i] + 1 : random.int(level[i] + 1, height - 1);
      const lo = firstAt[targetLevel];
      if (lo === undefined) continue;
      let hi = lo;
      while (hi + 1 < n && level[hi + 1] === targetLevel) hi++;
      const j = random.int(lo, hi);
      if (seen.has(i * n + j)) continue;
      seen.add(i * n + j);
      edges.push({ from: ids[i], to: ids[j], data: +(random.uniform(0, 2 * ccr * meanCost)).toFixed(4) });
    }
  }
  const heterogeneousLinks = random.chance(0.3);
  const links = [];
  if (heterogeneousLinks) {
    for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) links.push({ between: [pids[a], pids[b]], bandwidth: random.uniform(0.5, 1.5) });
  }
  const cluster = {
    processors: pids.map((id) => ({ id, cores: pick(random, [1, 2, 4, 8]), memoryGb: pick(random, [8, 16, 32, 64]) })),
    network: { bandwidth: pick(random, [0.5, 1, 2]), latency: pick(random, [0, 0, 1]), links },
  };
  return compileProblem({ tasks: taskSpecs, edges }, cluster);
}

export function heftSchedule(problem) {
  return scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem)));
}

export function randomExamples(count, seed, sizes = {}) {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const problem = randomProblem(random, sizes);
    return { problem, target: heftSchedule(problem), source: `dev-${seed}-${i}` };
  });
}
