import type { Expander } from './expander.js';

const INITIAL_STACK = 1024;

/**
 * Depth-first branch and bound below one node, with an explicit stack of pending children (no recursion, so no
 * depth limit): pop a child, undo the partial schedule down to its parent, append it, push its own children
 * (already bounded and sorted by the expander) best last, so that the best is explored first. A pending child
 * whose bound has reached the incumbent since it was pushed is skipped. Memory: the children of the nodes on the
 * current path, O(n·r·m).
 */
export class DepthFirst {
  private size = 0;
  private task = new Int32Array(INITIAL_STACK);
  private processor = new Int32Array(INITIAL_STACK);
  private depth = new Int32Array(INITIAL_STACK);
  private start = new Float64Array(INITIAL_STACK);
  private bound = new Float64Array(INITIAL_STACK);

  constructor(private readonly expander: Expander) {}

  get done(): boolean {
    return this.size === 0;
  }

  /** Starts below the expander's current state, whose bound is `bound`. */
  startHere(bound: number): void {
    this.size = 0;
    if (bound < this.expander.threshold()) this.pushChildren(bound);
  }

  /** Processes up to `maxNodes` pending children; true when the subtree is exhausted. */
  step(maxNodes: number): boolean {
    const { state } = this.expander;
    for (let processed = 0; processed < maxNodes && this.size > 0; processed++) {
      const k = --this.size;
      const bound = this.bound[k]!;
      if (bound >= this.expander.threshold()) continue;
      while (state.depth > this.depth[k]!) state.undo();
      state.place(this.task[k]!, this.processor[k]!, this.start[k]!);
      this.pushChildren(bound);
    }
    return this.size === 0;
  }

  /** The least bound of the subtrees still to explore (Infinity when none is left). */
  pendingBound(): number {
    let least = Infinity;
    for (let k = 0; k < this.size; k++) if (this.bound[k]! < least) least = this.bound[k]!;
    return least;
  }

  private pushChildren(bound: number): void {
    const children = this.expander.expand(bound);
    const depth = this.expander.state.depth;
    for (let i = children.count - 1; i >= 0; i--) {
      const c = children.order[i]!;
      if (this.size === this.task.length) this.grow();
      const k = this.size++;
      this.task[k] = children.task[c]!;
      this.processor[k] = children.processor[c]!;
      this.depth[k] = depth;
      this.start[k] = children.start[c]!;
      this.bound[k] = children.bound[c]!;
    }
  }

  private grow(): void {
    const capacity = this.task.length * 2;
    this.task = widen(this.task, new Int32Array(capacity));
    this.processor = widen(this.processor, new Int32Array(capacity));
    this.depth = widen(this.depth, new Int32Array(capacity));
    this.start = widen(this.start, new Float64Array(capacity));
    this.bound = widen(this.bound, new Float64Array(capacity));
  }
}

export function widen<T extends Int32Array | Float64Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}
