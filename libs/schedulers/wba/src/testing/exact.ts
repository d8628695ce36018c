// Test support: exact rational arithmetic (BigInt fractions) for naive reference schedulers. Every finite double is
// a dyadic rational, so `Q.of` reads a document's numbers without loss. Not exported by the package.

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

export class Q {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d = 1n) {
    if (d === 0n) throw new RangeError('division by zero');
    const g = gcd(n, d) || 1n;
    const sign = d < 0n ? -1n : 1n;
    this.n = (sign * n) / g;
    this.d = (sign * d) / g;
  }
  /** The exact value of a finite double. */
  static of(x: number): Q {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    let k = 0n;
    while (!Number.isInteger(x)) {
      x *= 2;
      k++;
    }
    return new Q(BigInt(x), 2n ** k);
  }
  static readonly zero = new Q(0n);
  plus(o: Q): Q {
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  minus(o: Q): Q {
    return new Q(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  times(o: Q): Q {
    return new Q(this.n * o.n, this.d * o.d);
  }
  over(o: Q): Q {
    return new Q(this.n * o.d, this.d * o.n);
  }
  cmp(o: Q): number {
    const x = this.n * o.d - o.n * this.d;
    return x < 0n ? -1 : x > 0n ? 1 : 0;
  }
  lt(o: Q): boolean {
    return this.cmp(o) < 0;
  }
  max(o: Q): Q {
    return this.cmp(o) >= 0 ? this : o;
  }
  min(o: Q): Q {
    return this.cmp(o) <= 0 ? this : o;
  }
  /** True when the value is a double exactly (a power-of-two denominator, few enough bits). */
  isDouble(): boolean {
    return (this.d & (this.d - 1n)) === 0n && Q.of(this.toNumber()).cmp(this) === 0;
  }
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }
}

/** Relative closeness under which floating point may order two distinct exact values either way. */
const NEAR = 1e-9;

/**
 * True when a floating-point implementation could decide a comparison of `a` and `b` differently from exact
 * arithmetic: they differ by less than a relative 1e-9, or they are equal but not both exact doubles (the
 * implementation may compute the two by different roundings).
 */
export function fragileComparison(a: Q, b: Q): boolean {
  const c = a.cmp(b);
  if (c === 0) return !(a.isDouble() && b.isDouble());
  const scale = Math.max(1, Math.abs(a.toNumber()), Math.abs(b.toNumber()));
  return Math.abs(a.minus(b).toNumber()) <= NEAR * scale;
}

/** True when two distinct values of the list are so close that floating point could order them either way. */
export function hasNearTie(values: readonly Q[]): boolean {
  const numbers = values.map((v) => v.toNumber());
  const scale = Math.max(1, ...numbers.map(Math.abs));
  for (let a = 0; a < values.length; a++) {
    for (let b = a + 1; b < values.length; b++) {
      if (values[a]!.cmp(values[b]!) !== 0 && Math.abs(values[a]!.minus(values[b]!).toNumber()) <= NEAR * scale) return true;
    }
  }
  return false;
}
