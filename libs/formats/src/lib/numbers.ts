/** Rounds to a fixed number of decimals, so that written documents show 12.3456, not 12.345600000000001. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** A decimal number written as text (an XML attribute), or undefined: unlike Number(), '' and ' ' are not 0. */
export function parseDecimal(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
