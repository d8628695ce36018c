/**
 * JSON that round-trips what plain JSON loses: -0, NaN, ±Infinity and `undefined` (as a property value or an
 * array element) are written as marker objects `{"$": "-0"}`; keys of user objects that start with "$" are escaped
 * by doubling the "$", so a marker can never be confused with user data. Everything else is plain JSON (and
 * finite doubles already round-trip exactly through JavaScript's shortest representation).
 *
 * Storable values: null, booleans, numbers, strings, arrays and plain objects of these. Anything else (bigint,
 * functions, symbols, Dates, Maps, class instances, cycles) is refused with a TypeError, never silently changed.
 * Objects with a null prototype come back as ordinary objects; holes in arrays come back as `undefined`.
 *
 * Values nested deeper than MAX_EXACT_JSON_DEPTH levels are refused with a TypeError that gives the path where the
 * limit is passed (and reading refuses twice that): the walks here are recursive, one call per level, so the limit
 * also bounds the call stack (a 5,000-level document used to end in "Maximum call stack size exceeded").
 */

const MARKER = '$';

/**
 * The deepest value exact JSON stores: far above what document validation lets through (64 levels), far below the
 * ~4,000 levels at which V8's own JSON.stringify, which the document codec runs on the encoded header, exhausts
 * Node's default stack.
 */
export const MAX_EXACT_JSON_DEPTH = 1000;

/**
 * The deepest value exact JSON reads: twice what it writes, so that a stored value at the limit still reads back
 * when a larger document wraps it (the document codec's header puts a few levels around each value).
 */
const MAX_READ_DEPTH = 2 * MAX_EXACT_JSON_DEPTH;

export function stringifyExact(value: unknown): string {
  return JSON.stringify(toExactJson(value));
}

/**
 * A value as the text of a json/jsonb query parameter, in exact JSON (an SLR of Infinity survives); null or
 * undefined as SQL NULL.
 */
export function exactJsonParameter(value: unknown): string | null {
  return value === undefined || value === null ? null : stringifyExact(value);
}

export function parseExact(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  // Markers and escaped keys both put `"$` in the text; without one, the parsed value is already exact. It may
  // still be too deep for the rest of the codec to walk: that is checked without recursion.
  if (text.includes('"$')) return decode(parsed, new Walk(MAX_READ_DEPTH));
  checkDepth(parsed);
  return parsed;
}

/** The tree `stringifyExact` would write, for callers that embed it in a larger JSON document. */
export function toExactJson(value: unknown): unknown {
  return needsEncoding(value, new Walk(MAX_EXACT_JSON_DEPTH)) ? encode(value, new Walk(MAX_EXACT_JSON_DEPTH)) : value;
}

export function fromExactJson(value: unknown): unknown {
  return decode(value, new Walk(MAX_READ_DEPTH));
}

/**
 * Where a recursive walk is: the containers it is inside (for cycles) and the keys that led there (for the path of
 * an error). `enter` refuses a cycle and a level past the walk's depth limit before the walk recurses into it.
 */
class Walk {
  private readonly ancestors = new Set<object>();
  private readonly keys: (string | number)[] = [];

  constructor(private readonly maxDepth: number) {}

  enter(value: object, key: string | number | undefined): void {
    if (key !== undefined) this.keys.push(key);
    if (this.ancestors.has(value)) throw new TypeError('cannot store a cyclic structure');
    if (this.ancestors.size >= this.maxDepth) throw tooDeep(this.keys, this.maxDepth);
    this.ancestors.add(value);
  }

  leave(value: object, key: string | number | undefined): void {
    this.ancestors.delete(value);
    if (key !== undefined) this.keys.pop();
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The error for a value past MAX_EXACT_JSON_DEPTH, with its JSON path (cut after 200 characters). */
function tooDeep(keys: readonly (string | number)[], maxDepth: number): TypeError {
  const path = keys.map((key) => (typeof key === 'number' ? `[${key}]` : IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)).join('');
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  return new TypeError(`cannot ${maxDepth === MAX_EXACT_JSON_DEPTH ? 'store' : 'read'} a value nested deeper than ${maxDepth} levels (at $${shown})`);
}

/**
 * Refuses a parsed value nested deeper than MAX_READ_DEPTH, with an explicit stack (no recursion: the value
 * comes from JSON.parse, which takes any depth). O(size of the value).
 */
function checkDepth(root: unknown): void {
  if (typeof root !== 'object' || root === null) return;
  const stack: [object, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    for (const child of Object.values(value)) {
      if (typeof child !== 'object' || child === null) continue;
      if (depth >= MAX_READ_DEPTH) throw new TypeError(`cannot read a value nested deeper than ${MAX_READ_DEPTH} levels`);
      stack.push([child, depth + 1]);
    }
  }
}

/** Throws for what cannot be stored; true when the value needs markers or escapes (false: JSON is exact as is). */
function needsEncoding(value: unknown, walk: Walk, key?: string | number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return false;
    case 'number':
      return !Number.isFinite(value) || Object.is(value, -0);
    case 'undefined':
      return true;
    case 'object': {
      if (value === null) return false;
      walk.enter(value, key);
      let needs = false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (needsEncoding(value[i], walk, i)) needs = true;
      } else {
        assertPlainObject(value);
        for (const child of Object.keys(value)) {
          if (child.startsWith(MARKER)) needs = true;
          if (needsEncoding((value as Record<string, unknown>)[child], walk, child)) needs = true;
        }
      }
      walk.leave(value, key);
      return needs;
    }
    default:
      throw new TypeError(`cannot store a ${typeof value} as JSON`);
  }
}

function assertPlainObject(value: object): void {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`cannot store an instance of ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'a class'} as JSON`);
  }
}

function encode(value: unknown, walk: Walk, key?: string | number): unknown {
  switch (typeof value) {
    case 'number':
      if (Number.isFinite(value)) return Object.is(value, -0) ? { [MARKER]: '-0' } : value;
      return { [MARKER]: String(value) };
    case 'undefined':
      return { [MARKER]: 'undefined' };
    case 'object': {
      if (value === null) return null;
      walk.enter(value, key);
      let result: unknown;
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = encode(value[i], walk, i);
        result = out;
      } else {
        const out: Record<string, unknown> = {};
        for (const child of Object.keys(value)) {
          setOwn(out, child.startsWith(MARKER) ? MARKER + child : child, encode((value as Record<string, unknown>)[child], walk, child));
        }
        result = out;
      }
      walk.leave(value, key);
      return result;
    }
    default:
      return value;
  }
}

const SPECIALS: Record<string, unknown> = { '-0': -0, NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, undefined: undefined };

function decode(value: unknown, walk: Walk, key?: string | number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    walk.enter(value, key);
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i], walk, i);
    walk.leave(value, key);
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === MARKER) {
    const tag = record[MARKER];
    if (typeof tag === 'string' && Object.prototype.hasOwnProperty.call(SPECIALS, tag)) return SPECIALS[tag];
    throw new TypeError(`unknown exact-JSON marker ${JSON.stringify(tag)}`);
  }
  walk.enter(record, key);
  let result = record;
  if (!keys.some((child) => child.startsWith(MARKER))) {
    for (const child of keys) record[child] = decode(record[child], walk, child);
  } else {
    result = {};
    for (const child of keys) setOwn(result, child.startsWith(MARKER) ? child.slice(1) : child, decode(record[child], walk, child));
  }
  walk.leave(record, key);
  return result;
}

/** `target[key] = value`, also for the key "__proto__" (which plain assignment would treat as the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
