/** A decimal number written as text (an XML attribute), or undefined: unlike Number(), '' and ' ' are not 0. */
export function parseDecimal(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
