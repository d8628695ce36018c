/**
 * JSON that round-trips what plain JSON loses: -0, NaN, ±Infinity and `undefined` (as a property value or an
 * array element) are written as marker objects `{"$": "-0"}`; keys of user objects that start with "$" are escaped
 * by doubling the "$", so a marker can never be confused with user data. Everything else is plain JSON (and
 * finite doubles already round-trip exactly through JavaScript's shortest representation).
 *
 * Storable values: null, booleans, numbers, strings, arrays and plain objects of these. Anything else (bigint,
 * functions, symbols, Dates, Maps, class instances, cycles) is refused with a TypeError, never silently changed.
 * Objects with a null prototype come back as ordinary objects; holes in arrays come back as `undefined`.
 */

const MARKER = '$';

export function stringifyExact(value: unknown): string {
  return JSON.stringify(needsEncoding(value, 0, new Set()) ? encode(value, new Set()) : value);
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
  // Markers and escaped keys both put `"$` in the text; without one, the parsed value is already exact.
  return text.includes('"$') ? decode(parsed) : parsed;
}

/** The tree `stringifyExact` would write, for callers that embed it in a larger JSON document. */
export function toExactJson(value: unknown): unknown {
  return needsEncoding(value, 0, new Set()) ? encode(value, new Set()) : value;
}

export function fromExactJson(value: unknown): unknown {
  return decode(value);
}

/** Throws for what cannot be stored; true when the value needs markers or escapes (false: JSON is exact as is). */
function needsEncoding(value: unknown, depth: number, ancestors: Set<object>): boolean {
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
      if (ancestors.has(value)) throw new TypeError('cannot store a cyclic structure');
      ancestors.add(value);
      let needs = false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (needsEncoding(value[i], depth + 1, ancestors)) needs = true;
      } else {
        assertPlainObject(value);
        for (const key of Object.keys(value)) {
          if (key.startsWith(MARKER)) needs = true;
          if (needsEncoding((value as Record<string, unknown>)[key], depth + 1, ancestors)) needs = true;
        }
      }
      ancestors.delete(value);
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

function encode(value: unknown, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'number':
      if (Number.isFinite(value)) return Object.is(value, -0) ? { [MARKER]: '-0' } : value;
      return { [MARKER]: String(value) };
    case 'undefined':
      return { [MARKER]: 'undefined' };
    case 'object': {
      if (value === null) return null;
      if (ancestors.has(value)) throw new TypeError('cannot store a cyclic structure');
      ancestors.add(value);
      let result: unknown;
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = encode(value[i], ancestors);
        result = out;
      } else {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
          setOwn(out, key.startsWith(MARKER) ? MARKER + key : key, encode((value as Record<string, unknown>)[key], ancestors));
        }
        result = out;
      }
      ancestors.delete(value);
      return result;
    }
    default:
      return value;
  }
}

const SPECIALS: Record<string, unknown> = { '-0': -0, NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, undefined: undefined };

function decode(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === MARKER) {
    const tag = record[MARKER];
    if (typeof tag === 'string' && Object.prototype.hasOwnProperty.call(SPECIALS, tag)) return SPECIALS[tag];
    throw new TypeError(`unknown exact-JSON marker ${JSON.stringify(tag)}`);
  }
  if (!keys.some((key) => key.startsWith(MARKER))) {
    for (const key of keys) record[key] = decode(record[key]);
    return record;
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) setOwn(out, key.startsWith(MARKER) ? key.slice(1) : key, decode(record[key]));
  return out;
}

/** `target[key] = value`, also for the key "__proto__" (which plain assignment would treat as the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
