import type { Random } from '@hetsched/core';

/** Measures per slot; smaller is better, `secondary` breaks ties. */
export interface Scores {
  primary: ArrayLike<number>;
  secondary: ArrayLike<number>;
}

/** The slots best first (ties on both measures by slot, so the ranking is deterministic). */
export function rankSlots(slots: readonly number[], scores: Scores): number[] {
  const { primary, secondary } = scores;
  return [...slots].sort((a, b) => primary[a]! - primary[b]! || secondary[a]! - secondary[b]! || a - b);
}

/** How many survive, how many of them outright, and whether clones wait for distinct individuals. */
export interface SurvivorRule {
  count: number;
  elite: number;
  distinct: boolean;
}

/**
 * Survivor selection (§3.6) on the enlarged space of parents and offspring together: the `elite` best survive
 * outright — the best solution so far is never lost, so the GA is never worse than the HEFT solution it starts
 * with — and the other places are drawn without replacement with probability proportional to linear rank
 * weights (N − rank), which is how the paper avoids the scaling problems of fitness-proportional selection.
 *
 * `distinct`: when true (improved variant), an individual with exactly the measures of a better-ranked one —
 * almost always a clone — is drawn only when too few distinct ones remain. Clones of the best otherwise take
 * over a small population within a few generations and crossover then has nothing to mix.
 *
 * @param ranked candidate slots, best first (`rankSlots`)
 */
export function selectSurvivors(ranked: readonly number[], scores: Scores, random: Random, { count, elite, distinct }: SurvivorRule): number[] {
  if (count >= ranked.length) return [...ranked];
  const candidates: number[] = [];
  const duplicates: number[] = [];
  for (let r = 0; r < ranked.length; r++) {
    const slot = ranked[r]!;
    const previous = candidates[candidates.length - 1];
    const same = previous !== undefined && scores.primary[slot] === scores.primary[previous] && scores.secondary[slot] === scores.secondary[previous];
    if (distinct && same) duplicates.push(slot);
    else candidates.push(slot);
  }
  const survivors = candidates.slice(0, Math.min(elite, count));
  const pool = candidates.slice(survivors.length);
  const wanted = Math.min(count - survivors.length, pool.length);
  // Weighted sampling without replacement (Efraimidis & Spirakis 2006): the `wanted` largest keys u^(1/w).
  const total = pool.length;
  const keyed = pool.map((slot, r) => ({ slot, r, key: Math.log(1 - random.next()) / (total - r) }));
  keyed.sort((a, b) => b.key - a.key || a.r - b.r);
  const drawn = keyed.slice(0, wanted).sort((a, b) => a.r - b.r);
  for (const d of drawn) survivors.push(d.slot);
  for (let i = 0; survivors.length < count && i < duplicates.length; i++) survivors.push(duplicates[i]!);
  return survivors;
}

/** Binary tournament on rank: two members drawn at random, the better one wins. `ranked` is best first. */
export function tournament(ranked: readonly number[], random: Random): number {
  const a = random.int(0, ranked.length - 1);
  const b = random.int(0, ranked.length - 1);
  return ranked[Math.min(a, b)]!;
}

/** Uniform choice (the paper mates individuals at random; selection pressure comes from survival only). */
export function uniformPick(ranked: readonly number[], random: Random): number {
  return ranked[random.int(0, ranked.length - 1)]!;
}
