/** Ranks are compared after rounding to this many parts of the largest one, as core's priorityOrder does. */
const RANK_RESOLUTION = 1e12;

/**
 * Comparable keys for ranks (static or bottom levels): each rank divided by the largest and rounded to 12
 * significant digits, so that two ranks equal in exact arithmetic but apart in the last bit of a floating-point
 * sum (80 and 80.00000000000001) tie and fall back to input order, as in HEFT's priorityOrder.
 */
export function rankKeys(rank: Float64Array): Float64Array {
  let largest = 0;
  for (let t = 0; t < rank.length; t++) largest = Math.max(largest, Math.abs(rank[t]!));
  const key = new Float64Array(rank.length);
  // Divide first: RANK_RESOLUTION / largest overflows to Infinity for a tiny largest rank.
  if (largest > 0) for (let t = 0; t < rank.length; t++) key[t] = Math.round((rank[t]! / largest) * RANK_RESOLUTION);
  return key;
}
