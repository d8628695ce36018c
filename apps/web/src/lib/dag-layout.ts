/**
 * Layered drawing of a workflow DAG (Sugiyama style, without dummy nodes): longest-path layering, then barycentre
 * ordering within layers, then coordinates. Tasks and edges are given by index so that the layout works on typed
 * arrays and a 2,000-task workflow lays out in a few milliseconds.
 */
export interface DagInput {
  taskCount: number;
  /** Edge k goes from task `from[k]` to task `to[k]`. */
  from: ArrayLike<number>;
  to: ArrayLike<number>;
}

export interface DagLayout {
  /** Level of each task: 0 for entry tasks, else 1 + the highest level of its parents. */
  level: Int32Array;
  /** Position of each task within its level, 0-based. */
  position: Int32Array;
  /** The tasks of each level, in drawing order. */
  levels: number[][];
  /** Crossings between edges that join adjacent levels, in the final order. */
  crossings: number;
}

export class CycleError extends Error {
  constructor(readonly taskIndices: number[]) {
    super(`the workflow has a cycle through ${taskIndices.length} tasks`);
    this.name = 'CycleError';
  }
}

/** Down and up sweeps of barycentre ordering; more rarely helps on the generator's layered graphs. */
export const DEFAULT_SWEEPS = 6;

/** Adjacency in compressed rows (CSR): the neighbours of task t are `targets[offsets[t] .. offsets[t + 1])`. */
interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
}

function adjacency(count: number, sources: ArrayLike<number>, targets: ArrayLike<number>): Adjacency {
  const offsets = new Int32Array(count + 1);
  for (let k = 0; k < sources.length; k++) offsets[sources[k]! + 1]!++;
  for (let t = 0; t < count; t++) offsets[t + 1]! += offsets[t]!;
  const fill = offsets.slice(0, count);
  const out = new Int32Array(sources.length);
  for (let k = 0; k < sources.length; k++) out[fill[sources[k]!]!++] = targets[k]!;
  return { offsets, targets: out };
}

/**
 * Longest-path layering by Kahn's algorithm: a task's level is fixed when its last parent is, as 1 + the highest
 * parent level. O(V + E). Throws CycleError (with the tasks never freed) when the graph is not acyclic.
 */
export function longestPathLevels(input: DagInput): Int32Array {
  const n = input.taskCount;
  const successors = adjacency(n, input.from, input.to);
  const indegree = new Int32Array(n);
  for (let k = 0; k < input.to.length; k++) indegree[input.to[k]!]!++;
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let t = 0; t < n; t++) if (indegree[t] === 0) queue[tail++] = t;
  while (head < tail) {
    const t = queue[head++]!;
    for (let k = successors.offsets[t]!; k < successors.offsets[t + 1]!; k++) {
      const s = successors.targets[k]!;
      if (level[t]! + 1 > level[s]!) level[s] = level[t]! + 1;
      if (--indegree[s] === 0) queue[tail++] = s;
    }
  }
  if (tail < n) {
    const stuck: number[] = [];
    for (let t = 0; t < n; t++) if (indegree[t]! > 0) stuck.push(t);
    throw new CycleError(stuck);
  }
  return level;
}

/**
 * The layered layout: longest-path levels, then `sweeps` alternating down and up passes of barycentre ordering
 * (each task placed at the mean relative position of its neighbours in the levels already swept), keeping the
 * order with the fewest adjacent-level crossings seen (the input order included, so ordering never makes the
 * drawing worse). Relative positions, (index + ½) / width, make neighbours on levels of different widths
 * comparable, which matters without dummy nodes for long edges.
 * Complexity: O(V + E) layering, O(sweeps · (E + V log V)) ordering, O(E log E) per crossing count.
 */
export function layeredLayout(input: DagInput, sweeps = DEFAULT_SWEEPS): DagLayout {
  const level = longestPathLevels(input);
  const levels = groupByLevel(level);
  const position = new Int32Array(input.taskCount);
  const setPositions = (order: number[][]) => order.forEach((tasks) => tasks.forEach((t, i) => (position[t] = i)));
  setPositions(levels);
  let best = levels.map((tasks) => [...tasks]);
  let bestCrossings = countCrossings(input, level, position);
  const parents = adjacency(input.taskCount, input.to, input.from);
  const children = adjacency(input.taskCount, input.from, input.to);
  for (let sweep = 0; sweep < sweeps && bestCrossings > 0; sweep++) {
    const down = sweep % 2 === 0;
    const range = down ? levels.map((_, l) => l).slice(1) : levels.map((_, l) => l).reverse().slice(1);
    for (const l of range) reorderLevel({ levels, level, position }, l, down ? parents : children);
    const crossings = countCrossings(input, level, position);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = levels.map((tasks) => [...tasks]);
    }
  }
  setPositions(best);
  return { level, position, levels: best, crossings: bestCrossings };
}

/** Tasks grouped by level, each level in index order (a topological, deterministic start). */
function groupByLevel(level: Int32Array): number[][] {
  let height = 0;
  for (const l of level) if (l + 1 > height) height = l + 1;
  const levels: number[][] = Array.from({ length: height }, () => []);
  for (let t = 0; t < level.length; t++) levels[level[t]!]!.push(t);
  return levels;
}

/** Sorts one level by the barycentre of each task's neighbours; a task without neighbours keeps its place. */
function reorderLevel(layers: { levels: number[][]; level: Int32Array; position: Int32Array }, l: number, neighbours: Adjacency): void {
  const { levels, level, position } = layers;
  const tasks = levels[l]!;
  const relative = (t: number) => (position[t]! + 0.5) / levels[level[t]!]!.length;
  const keyed = tasks.map((t, index) => {
    let sum = 0;
    let count = 0;
    for (let k = neighbours.offsets[t]!; k < neighbours.offsets[t + 1]!; k++) {
      sum += relative(neighbours.targets[k]!);
      count++;
    }
    return { t, index, key: count > 0 ? sum / count : relative(t) };
  });
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  levels[l] = keyed.map((entry) => entry.t);
  levels[l]!.forEach((t, i) => (position[t] = i));
}

/**
 * Crossings between edges that join adjacent levels: two such edges between levels l and l+1 cross when their
 * upper ends and lower ends are in opposite orders. Sorting the edges by (upper, lower) position and counting
 * inversions of the lower positions with a Fenwick tree gives O(E log E).
 */
export function countCrossings(input: DagInput, level: ArrayLike<number>, position: ArrayLike<number>): number {
  const byLevel = new Map<number, [number, number][]>();
  let widest = 1;
  for (let k = 0; k < input.from.length; k++) {
    const a = input.from[k]!;
    const b = input.to[k]!;
    if (level[b] !== level[a]! + 1) continue;
    const pairs = byLevel.get(level[a]!) ?? [];
    pairs.push([position[a]!, position[b]!]);
    byLevel.set(level[a]!, pairs);
    widest = Math.max(widest, position[b]! + 1);
  }
  let crossings = 0;
  const tree = new Int32Array(widest + 1);
  for (const pairs of byLevel.values()) {
    pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    tree.fill(0);
    for (let i = 0; i < pairs.length; i++) {
      const lower = pairs[i]![1];
      // Edges seen so far with a strictly greater lower position cross this one.
      let atMost = 0;
      for (let j = lower + 1; j > 0; j -= j & -j) atMost += tree[j]!;
      crossings += i - atMost;
      for (let j = lower + 1; j <= widest; j += j & -j) tree[j]!++;
    }
  }
  return crossings;
}

/** One level of a workflow too large to draw: how many tasks, and how many edges leave it. */
export interface LevelSummary {
  level: number;
  tasks: number;
  /** Edges from this level to the next one. */
  toNext: number;
  /** Edges from this level to a later level than the next. */
  skipping: number;
}

/** The workflow by level (longest-path levels), for workflows above the drawing limit. O(V + E). */
export function levelSummary(input: DagInput, level: Int32Array = longestPathLevels(input)): LevelSummary[] {
  let height = 0;
  for (const l of level) if (l + 1 > height) height = l + 1;
  const summary = Array.from({ length: height }, (_, l) => ({ level: l, tasks: 0, toNext: 0, skipping: 0 }));
  for (const l of level) summary[l]!.tasks++;
  for (let k = 0; k < input.from.length; k++) {
    const from = level[input.from[k]!]!;
    if (level[input.to[k]!] === from + 1) summary[from]!.toNext++;
    else summary[from]!.skipping++;
  }
  return summary;
}
