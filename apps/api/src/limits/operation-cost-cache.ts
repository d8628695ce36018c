import type { OperationDefinitionNode } from 'graphql';
import { BoundedCache } from '../common/bounded-cache.js';

/** Longest variables text (JSON) a complexity verdict is kept for: a page's `first` and cursor, not a submitted document. */
export const MAX_VARIABLES_KEY_LENGTH = 512;

/** Verdicts kept per operation: one per distinct set of small variables (pages, filters), oldest dropped first. */
export const MAX_VERDICTS_PER_OPERATION = 64;

/**
 * The variables as a cache key: their JSON text when it is at most `limit` characters, else undefined (not cached).
 * Walks at most `limit` characters' worth of the value, so a megabyte of variables costs no more than a small one.
 * Only what JSON can carry is expected (variables come from a JSON body or a WebSocket message); anything else
 * (undefined, a function, a Date) makes the key undefined rather than collide with another value.
 */
export function variablesKey(variables: Readonly<Record<string, unknown>>, limit = MAX_VARIABLES_KEY_LENGTH): string | undefined {
  const parts: string[] = [];
  let length = 0;
  const add = (text: string): boolean => {
    length += text.length;
    parts.push(text);
    return length <= limit;
  };
  const walk = (value: unknown): boolean => {
    if (value === null || typeof value === 'boolean') return add(String(value));
    if (typeof value === 'number') return Number.isFinite(value) && add(JSON.stringify(value));
    if (typeof value === 'string') return value.length <= limit && add(JSON.stringify(value));
    if (Array.isArray(value)) {
      if (!add('[')) return false;
      for (let i = 0; i < value.length; i++) if ((i > 0 && !add(',')) || !walk(value[i])) return false;
      return add(']');
    }
    if (typeof value !== 'object' || !isPlainRecord(value)) return false;
    if (!add('{')) return false;
    let first = true;
    for (const key of Object.keys(value)) {
      if ((!first && !add(',')) || key.length > limit || !add(JSON.stringify(key)) || !add(':') || !walk((value as Record<string, unknown>)[key])) return false;
      first = false;
    }
    return add('}');
  };
  return walk(variables) ? parts.join('') : undefined;
}

function isPlainRecord(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * What the operation limits found for a parsed operation: its depth verdict (the document alone decides it) and its
 * estimated cost per set of variables (`first: $n` counts). Apollo Server's document cache hands out the same
 * parsed document, and so the same OperationDefinitionNode, for the same query text: a page a console polls is
 * costed once per set of variables instead of walking the schema on every request. Both are pure functions of
 * the fixed schema, the operation and the variables, so a kept verdict is the one a new walk would give. Entries
 * hang off the operation node in a WeakMap and go with it when Apollo's cache drops the document.
 */
export class OperationCostCache<Depth> {
  private readonly depths = new WeakMap<OperationDefinitionNode, Depth>();
  private readonly costs = new WeakMap<OperationDefinitionNode, BoundedCache<number>>();

  /** The depth verdict of `operation`, computed by `compute` the first time. */
  depth(operation: OperationDefinitionNode, compute: () => Depth): Depth {
    if (this.depths.has(operation)) return this.depths.get(operation) as Depth;
    const verdict = compute();
    this.depths.set(operation, verdict);
    return verdict;
  }

  /**
   * The estimated cost of `operation` with `variables`, from `compute` unless known. A computation that throws
   * (bad variables) is not kept, nor are variables too large for a key (MAX_VARIABLES_KEY_LENGTH).
   */
  cost(operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>, compute: () => number): number {
    const key = variablesKey(variables);
    if (key === undefined) return compute();
    let known = this.costs.get(operation);
    const cached = known?.get(key);
    if (cached !== undefined) return cached;
    const cost = compute();
    if (!known) this.costs.set(operation, (known = new BoundedCache(MAX_VERDICTS_PER_OPERATION)));
    known.set(key, cost);
    return cost;
  }
}
