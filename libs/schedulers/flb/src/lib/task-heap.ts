/** Slots a heap starts with; it doubles when full. */
const INITIAL_CAPACITY = 16;

/**
 * A binary heap of task indices ordered by `before(a, b)` (true when a must come out first), growing as needed,
 * with `peek`. Core's IndexHeap has a fixed capacity and no peek; the per-processor queues here usually hold a few
 * tasks each, but any one of them may come to hold every task.
 */
export class TaskHeap {
  private items = new Int32Array(INITIAL_CAPACITY);
  private count = 0;

  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.count;
  }

  /** The task that would come out next, or -1 when the heap is empty. */
  peek(): number {
    return this.count > 0 ? this.items[0]! : -1;
  }

  push(task: number): void {
    if (this.count === this.items.length) {
      const larger = new Int32Array(this.items.length * 2);
      larger.set(this.items);
      this.items = larger;
    }
    const items = this.items;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(task, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = task;
  }

  pop(): number {
    if (this.count === 0) throw new RangeError('TaskHeap.pop on an empty heap');
    const items = this.items;
    const top = items[0]!;
    const last = items[--this.count]!;
    const size = this.count;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.before(items[child + 1]!, items[child]!)) child++;
      if (!this.before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
