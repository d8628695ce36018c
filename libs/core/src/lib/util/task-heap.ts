/** Slots a heap starts with; it doubles when full. */
const INITIAL_CAPACITY = 16;

/**
 * A binary heap of task indices, each pushed with two keys: tasks come out by `primary` ascending, then `secondary`
 * descending, then lower index first. The keys live in the heap beside the tasks, so one task can wait in several
 * heaps under different keys (ETF's and DLS's per-processor queues) and a comparison reads neighbouring typed-array
 * slots instead of calling back into per-task arrays: a closure comparator, as IndexHeap takes, made up most of
 * ETF's run time on 10,000 tasks (~550 ms against ~80 ms). Use IndexHeap for an order over keys the caller keeps and
 * changes (`update`), this heap for keys fixed when a task is pushed. Grows as needed.
 *
 * push and pop: O(log size); peek, peekPrimary, size: O(1).
 */
export class TaskHeap {
  private tasks = new Int32Array(INITIAL_CAPACITY);
  private primary = new Float64Array(INITIAL_CAPACITY);
  private secondary = new Float64Array(INITIAL_CAPACITY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The task that would come out next, or -1 when the heap is empty. */
  peek(): number {
    return this.count > 0 ? this.tasks[0]! : -1;
  }

  /** The primary key of the head (meaningless when empty). */
  peekPrimary(): number {
    return this.primary[0]!;
  }

  push(task: number, primary: number, secondary = 0): void {
    if (this.count === this.tasks.length) this.grow();
    const { tasks, primary: first, secondary: second } = this;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = first[parent]!;
      if (primary > p || (primary === p && (secondary < second[parent]! || (secondary === second[parent] && task > tasks[parent]!)))) break;
      tasks[i] = tasks[parent]!;
      first[i] = p;
      second[i] = second[parent]!;
      i = parent;
    }
    tasks[i] = task;
    first[i] = primary;
    second[i] = secondary;
  }

  pop(): number {
    if (this.count === 0) throw new RangeError('TaskHeap.pop on an empty heap');
    const { tasks, primary: first, secondary: second } = this;
    const top = tasks[0]!;
    const size = --this.count;
    const task = tasks[size]!;
    const primary = first[size]!;
    const secondary = second[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.before(child + 1, child)) child++;
      const c = first[child]!;
      if (c > primary || (c === primary && (second[child]! < secondary || (second[child] === secondary && tasks[child]! > task)))) break;
      tasks[i] = tasks[child]!;
      first[i] = c;
      second[i] = second[child]!;
      i = child;
    }
    tasks[i] = task;
    first[i] = primary;
    second[i] = secondary;
    return top;
  }

  /** Slot a comes out before slot b. */
  private before(a: number, b: number): boolean {
    const { primary: first, secondary: second } = this;
    if (first[a] !== first[b]) return first[a]! < first[b]!;
    if (second[a] !== second[b]) return second[a]! > second[b]!;
    return this.tasks[a]! < this.tasks[b]!;
  }

  private grow(): void {
    const capacity = this.tasks.length * 2;
    const tasks = new Int32Array(capacity);
    const primary = new Float64Array(capacity);
    const secondary = new Float64Array(capacity);
    tasks.set(this.tasks);
    primary.set(this.primary);
    secondary.set(this.secondary);
    this.tasks = tasks;
    this.primary = primary;
    this.secondary = secondary;
  }
}
