/**
 * Every processor in a binary heap ordered by `before(a, b)` (true when a comes first) over keys the caller keeps,
 * such as the time each becomes free; after changing a processor's key the caller calls `update`, which restores the
 * order in O(log m). Core's IndexHeap has no way to reorder an element already in it.
 */
export class ProcessorHeap {
  private readonly heap: Int32Array;
  private readonly position: Int32Array;

  constructor(
    count: number,
    private readonly before: (a: number, b: number) => boolean,
  ) {
    this.heap = Int32Array.from({ length: count }, (_, p) => p);
    this.position = Int32Array.from({ length: count }, (_, p) => p);
    for (let i = (count >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** The first processor by `before`. */
  top(): number {
    return this.heap[0]!;
  }

  /** Restores the order after the key of `processor` changed, either way. */
  update(processor: number): void {
    const i = this.position[processor]!;
    if (this.siftUp(i) === i) this.siftDown(i);
  }

  private siftUp(i: number): number {
    const { heap, position } = this;
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(item, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      position[heap[i]!] = i;
      i = parent;
    }
    heap[i] = item;
    position[item] = i;
    return i;
  }

  private siftDown(i: number): void {
    const { heap, position } = this;
    const size = heap.length;
    const item = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.before(heap[child + 1]!, heap[child]!)) child++;
      if (!this.before(heap[child]!, item)) break;
      heap[i] = heap[child]!;
      position[heap[i]!] = i;
      i = child;
    }
    heap[i] = item;
    position[item] = i;
  }
}
