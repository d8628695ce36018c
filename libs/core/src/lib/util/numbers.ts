/** Rounds to a fixed number of decimals, so that written documents show 12.3456, not 12.345600000000001. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** `{ [key]: value }` when value is defined, else `{}`: spreads an optional field without writing `undefined`. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
