/**
 * A binary heap of distinct small non-negative integers (task or processor indices) ordered by `before(a, b)`: true
 * when a must come out first, a strict order over keys the caller keeps. It remembers where each item sits, so after
 * the caller changes an item's key, `update(item)` restores the order (an indexed heap, e.g. processors by the time
 * they become free). Holds at most `capacity` items; no allocation after construction while items stay below
 * `capacity`.
 *
 * push, pop and update: O(log size) comparisons; peek, size, has: O(1).
 */
export class IndexHeap {
  private readonly items: Int32Array;
  /** positions[item]: the item's slot, -1 when it is not in the heap (grown for an item >= capacity). */
  private positions: Int32Array;
  private count = 0;

  constructor(
    capacity: number,
    private readonly before: (a: number, b: number) => boolean,
  ) {
    this.items = new Int32Array(capacity);
    this.positions = new Int32Array(capacity).fill(-1);
  }

  /** A heap holding every item 0 .. count - 1, such as every processor of a cluster. O(count log count). */
  static withAll(count: number, before: (a: number, b: number) => boolean): IndexHeap {
    const heap = new IndexHeap(count, before);
    for (let item = 0; item < count; item++) heap.push(item);
    return heap;
  }

  get size(): number {
    return this.count;
  }

  has(item: number): boolean {
    return item < this.positions.length && this.positions[item]! >= 0;
  }

  push(item: number): void {
    // A typed array ignores writes past its end: without these checks the item would be lost and a later pop
    // would return undefined.
    if (this.count === this.items.length) throw new RangeError(`IndexHeap.push beyond its capacity of ${this.items.length}`);
    if (!(Number.isInteger(item) && item >= 0)) throw new RangeError(`IndexHeap.push of ${item}, not a non-negative integer`);
    if (item >= this.positions.length) this.growPositions(item);
    else if (this.positions[item]! >= 0) throw new RangeError(`IndexHeap.push of ${item}, already in the heap`);
    this.siftUp(this.count++, item);
  }

  /** The item that would come out next, or -1 when the heap is empty. */
  peek(): number {
    return this.count > 0 ? this.items[0]! : -1;
  }

  pop(): number {
    if (this.count === 0) throw new RangeError('IndexHeap.pop on an empty heap');
    const top = this.items[0]!;
    this.positions[top] = -1;
    const last = this.items[--this.count]!;
    if (this.count > 0) this.siftDown(0, last);
    return top;
  }

  /** Restores the order after the key of `item`, which is in the heap, changed either way. */
  update(item: number): void {
    const slot = this.has(item) ? this.positions[item]! : -1;
    if (slot < 0) throw new RangeError(`IndexHeap.update of ${item}, not in the heap`);
    if (this.siftUp(slot, item) === slot) this.siftDown(slot, item);
  }

  /** Moves `item`, bound for `slot`, up past the parents it must come before; returns where it lands. */
  private siftUp(slot: number, item: number): number {
    const { items, positions } = this;
    let i = slot;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = items[parent]!;
      if (!this.before(item, above)) break;
      items[i] = above;
      positions[above] = i;
      i = parent;
    }
    items[i] = item;
    positions[item] = i;
    return i;
  }

  /** Moves `item`, bound for `slot`, down past the children that must come before it. */
  private siftDown(slot: number, item: number): void {
    const { items, positions, count } = this;
    let i = slot;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= count) break;
      if (child + 1 < count && this.before(items[child + 1]!, items[child]!)) child++;
      const below = items[child]!;
      if (!this.before(below, item)) break;
      items[i] = below;
      positions[below] = i;
      i = child;
    }
    items[i] = item;
    positions[item] = i;
  }

  private growPositions(item: number): void {
    const positions = new Int32Array(Math.max(2 * this.positions.length, item + 1)).fill(-1);
    positions.set(this.positions);
    this.positions = positions;
  }
}
