/**
 * A binary heap of small integers (task indices) ordered by `before(a, b)`: true when a must come out first.
 * Fixed capacity, no allocation after construction.
 */
export class IndexHeap {
  private readonly items: Int32Array;
  private count = 0;

  constructor(
    capacity: number,
    private readonly before: (a: number, b: number) => boolean,
  ) {
    this.items = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(value: number): void {
    const items = this.items;
    // A typed array ignores writes past its end: without this check the item would be lost and a later pop
    // would return undefined.
    if (this.count === items.length) throw new RangeError(`IndexHeap.push beyond its capacity of ${items.length}`);
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(value, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    if (this.count === 0) throw new RangeError('IndexHeap.pop on an empty heap');
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
