import { DepthFirst, widen } from './depth-first.js';
import type { Expander } from './expander.js';

/**
 * Nodes the frontier may hold (about 36 bytes each: parent, task, processor, depth, start, bound, heap slot).
 * Beyond it the search turns depth-first below each node it takes from the frontier.
 */
export const DEFAULT_FRONTIER_CAPACITY = 1_000_000;
const INITIAL_CAPACITY = 1024;
/** Depth-first pops between two looks at the node budget. */
const DEPTH_FIRST_BATCH = 16;
/** Share of the bounded nodes spent on greedy dives for better incumbents. */
const DIVE_SHARE = 0.1;

/**
 * Best-first branch and bound with a bounded frontier, depth-first below it.
 *
 * While the frontier has room, the node of least bound (ties: the deepest, then the oldest) is taken and its
 * children, bounded by the expander, join the frontier: the proven lower bound — the least bound on the frontier
 * — rises steadily, and no node whose bound is at least the optimum is ever expanded, whatever the incumbent.
 * Once the frontier is full, each node taken from it is searched to the end depth-first (`DepthFirst`), again in
 * order of bound, so the lower bound keeps rising as the frontier drains. A node is stored as its parent and the
 * (task, processor, start) it appends; the partial schedule of a node taken from the frontier is rebuilt by
 * replaying its path, O(n·d). Heap operations are O(log F).
 */
export class BestFirst {
  rootBound = 0;
  private count = 0;
  private parent = new Int32Array(INITIAL_CAPACITY);
  private task = new Int32Array(INITIAL_CAPACITY);
  private processor = new Int32Array(INITIAL_CAPACITY);
  private depth = new Int32Array(INITIAL_CAPACITY);
  private startTime = new Float64Array(INITIAL_CAPACITY);
  private bound = new Float64Array(INITIAL_CAPACITY);
  private heap = new Int32Array(INITIAL_CAPACITY);
  private heapSize = 0;
  private readonly depthFirst: DepthFirst;
  private diving = false;
  /** Nodes bounded during dives, kept to `DIVE_SHARE` of all. */
  private diveNodes = 0;
  private readonly path: Int32Array;

  constructor(
    private readonly expander: Expander,
    private readonly capacity = DEFAULT_FRONTIER_CAPACITY,
  ) {
    this.depthFirst = new DepthFirst(expander);
    this.path = new Int32Array(expander.state.taskCount + 1);
  }

  /** Bounds the root and puts it on the frontier. */
  start(): void {
    this.rootBound = this.expander.boundHere();
    this.add(-1, -1, -1, 0, this.rootBound);
  }

  get done(): boolean {
    return !this.diving && this.heapSize === 0;
  }

  /** Works until about `maxNodes` more nodes are bounded; true when the search is over. */
  step(maxNodes: number): boolean {
    const { expander } = this;
    const target = expander.nodes + maxNodes;
    for (let pops = 0; expander.nodes < target && pops < maxNodes; pops++) {
      if (this.diving) {
        if (this.depthFirst.step(DEPTH_FIRST_BATCH)) this.diving = false;
        continue;
      }
      if (this.heapSize === 0) return true;
      const node = this.pop();
      const bound = this.bound[node]!;
      if (bound >= expander.threshold()) {
        this.heapSize = 0; // the least bound on the frontier: every other node is pruned too
        return true;
      }
      this.moveTo(node);
      if (this.count + expander.state.taskCount * expander.state.processorCount > this.capacity) {
        this.depthFirst.startHere(bound);
        this.diving = !this.depthFirst.done;
        continue;
      }
      const children = expander.expand(bound);
      for (let i = 0; i < children.count; i++) {
        const c = children.order[i]!;
        this.add(node, children.task[c]!, children.processor[c]!, children.start[c]!, children.bound[c]!);
      }
      if (this.diveNodes < DIVE_SHARE * expander.nodes) this.dive();
    }
    return this.done;
  }

  /**
   * Greedy descent from the node just expanded, always into its best child, down to a complete schedule (offered
   * to the incumbent) or a dead end: best-first alone finds schedules late, and a better incumbent shrinks the
   * frontier and ends the search as soon as the lower bound meets it.
   */
  private dive(): void {
    const { expander } = this;
    const before = expander.nodes;
    let children = expander.children;
    while (children.count > 0) {
      const c = children.order[0]!;
      expander.state.place(children.task[c]!, children.processor[c]!, children.start[c]!);
      children = expander.expand(children.bound[c]!);
    }
    this.diveNodes += expander.nodes - before;
  }

  /** The least bound of what is left to explore (Infinity when nothing is). */
  pendingBound(): number {
    const frontier = this.heapSize > 0 ? this.bound[this.heap[0]!]! : Infinity;
    return this.diving ? Math.min(frontier, this.depthFirst.pendingBound()) : frontier;
  }

  /** Rebuilds the partial schedule of `node`: undo everything, replay its path from the root. */
  private moveTo(node: number): void {
    const state = this.expander.state;
    let length = 0;
    for (let at = node; this.parent[at]! >= 0; at = this.parent[at]!) this.path[length++] = at;
    while (state.depth > 0) state.undo();
    for (let i = length - 1; i >= 0; i--) {
      const at = this.path[i]!;
      state.place(this.task[at]!, this.processor[at]!, this.startTime[at]!);
    }
  }

  private add(parent: number, task: number, processor: number, start: number, bound: number): void {
    if (this.count === this.parent.length) this.grow();
    const id = this.count++;
    this.parent[id] = parent;
    this.task[id] = task;
    this.processor[id] = processor;
    this.depth[id] = parent < 0 ? 0 : this.depth[parent]! + 1;
    this.startTime[id] = start;
    this.bound[id] = bound;
    this.push(id);
  }

  /** Heap order: least bound, then deepest, then oldest. */
  private before(a: number, b: number): boolean {
    const x = this.bound[a]!;
    const y = this.bound[b]!;
    if (x !== y) return x < y;
    if (this.depth[a] !== this.depth[b]) return this.depth[a]! > this.depth[b]!;
    return a < b;
  }

  private push(id: number): void {
    const heap = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.before(id, heap[up]!)) break;
      heap[i] = heap[up]!;
      i = up;
    }
    heap[i] = id;
  }

  private pop(): number {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap[--this.heapSize]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && this.before(heap[child + 1]!, heap[child]!)) child++;
      if (!this.before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    if (this.heapSize > 0) heap[i] = last;
    return top;
  }

  private grow(): void {
    const capacity = this.parent.length * 2;
    this.parent = widen(this.parent, new Int32Array(capacity));
    this.task = widen(this.task, new Int32Array(capacity));
    this.processor = widen(this.processor, new Int32Array(capacity));
    this.depth = widen(this.depth, new Int32Array(capacity));
    this.startTime = widen(this.startTime, new Float64Array(capacity));
    this.bound = widen(this.bound, new Float64Array(capacity));
    this.heap = widen(this.heap, new Int32Array(capacity));
  }
}
