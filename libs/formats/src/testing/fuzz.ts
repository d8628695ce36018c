import fc from 'fast-check';

/**
 * Inputs for fuzzing the readers: values and ids that have broken parsers before (Object.prototype member names,
 * numbers at the edges of doubles, text that is not quite JSON or XML), deep nesting, and mutations of valid
 * documents, which get much further into a reader than random text does.
 */

/** Property runs: `base`, or FUZZ_RUNS when set (to fuzz longer than the test suite does). */
export function fuzzRuns(base: number): number {
  const wanted = Number(process.env['FUZZ_RUNS']);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : base;
}

/** A fuzz test's time limit: generous (the machine may be loaded), and no limit to speak of under FUZZ_RUNS. */
export const FUZZ_TIMEOUT_MS = process.env['FUZZ_RUNS'] ? 3_600_000 : 60_000;

export const ODD_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '$ref', '$', ''] as const;

export const ODD_STRINGS = [...ODD_IDS, ' ', 'a\nb', '"quoted"', '<&>', '\u0000', '\ud800', 'é', '1e308', 'NaN', '-1', 'x'.repeat(5000)];

export const ODD_NUMBERS = [0, -0, -1, 1, 0.5, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 1e-320, 1e300, 1e-300, 2 ** 53 + 2, 1e16, 123.456];

/** `levels` nested containers around `innermost`: `{"n": ...}` or `[...]`. */
export function nested(levels: number, innermost: unknown = 0, kind: 'object' | 'array' = 'object'): unknown {
  let value = innermost;
  for (let i = 0; i < levels; i++) value = kind === 'array' ? [value] : { n: value };
  return value;
}

/** A value that is odd in some way: an odd string or number, null, a deep nest, an empty or odd container. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom(...ODD_NUMBERS),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}),
  fc.constantFrom(64, 65, 200, 5000).chain((levels) => fc.constantFrom(nested(levels), nested(levels, 1, 'array'))),
  fc.constantFrom(...ODD_IDS).map((key) => withOwnKey({}, key, 1)),
  fc.jsonValue({ maxDepth: 3 }),
);

/** `object[key] = value` as an own property, also for "__proto__" (which plain assignment treats as the prototype). */
export function withOwnKey<T extends object>(object: T, key: string, value: unknown): T {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** One edit of a JSON tree, at the node numbered `at` (modulo the node count) in a depth-first listing. */
export type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: unknown }
  | { kind: 'duplicate'; at: number }
  | { kind: 'copy'; at: number; from: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: oddValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...ODD_IDS), fc.string({ maxLength: 8 })), value: oddValue }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }) },
  // Copying one node's value over another makes ids collide and references point at odd places.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('copy' as const), at: fc.nat(), from: fc.nat() }) },
);

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

/** Every property and element of a JSON tree, depth first (iterative: mutations may have made it deep). */
function slotsOf(root: unknown): Slot[] {
  const slots: Slot[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0 && slots.length < 100_000) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      slots.push({ parent: value as Record<string, unknown>, key });
      stack.push((value as Record<string | number, unknown>)[key]);
    }
  }
  return slots;
}

/** A deep copy of a JSON document with the mutations applied in order; the original is left as it was. */
export function mutate(document: unknown, mutations: readonly Mutation[]): unknown {
  const root = { document: cloneJson(document) };
  for (const m of mutations) {
    // The holder's own slot is never deleted, so there is always at least one.
    const slots = slotsOf(root).filter((slot) => m.kind !== 'delete' || slot.parent !== root);
    if (slots.length === 0) continue;
    const slot = slots[m.at % slots.length]!;
    const parent = slot.parent as Record<string | number, unknown>;
    const current = parent[slot.key];
    if (m.kind === 'replace') withOwnKey(parent, String(slot.key), cloneJson(m.value));
    else if (m.kind === 'copy') {
      // Only scalars are copied (ids, numbers): copying a container could put a node inside itself.
      const source = slots[m.from % slots.length]!;
      const value = (source.parent as Record<string | number, unknown>)[source.key];
      if (typeof value !== 'object' || value === null) withOwnKey(parent, String(slot.key), value);
    } else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(slot.key as number, 1);
      else delete parent[slot.key];
    } else if (m.kind === 'duplicate' && Array.isArray(current) && current.length > 0) current.push(cloneJson(current[0]));
    else if (m.kind === 'add-key' && typeof current === 'object' && current !== null && !Array.isArray(current)) withOwnKey(current, m.key, cloneJson(m.value));
  }
  return root.document;
}

/**
 * A deep copy of a JSON value, iterative (structuredClone and JSON.stringify overflow the stack on the deep values
 * fuzzing uses), keeping "__proto__" keys as own properties.
 */
export function cloneJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const copyOf = (v: object): Record<string | number, unknown> => (Array.isArray(v) ? new Array(v.length) : {}) as Record<string | number, unknown>;
  const top = copyOf(value);
  const stack: [object, Record<string | number, unknown>][] = [[value, top]];
  while (stack.length > 0) {
    const [source, target] = stack.pop()!;
    for (const key of Object.keys(source)) {
      const child = (source as Record<string, unknown>)[key];
      if (typeof child !== 'object' || child === null) {
        withOwnKey(target, key, child);
        continue;
      }
      const copy = copyOf(child);
      withOwnKey(target, key, copy);
      stack.push([child, copy]);
    }
  }
  return top;
}

/**
 * JSON.stringify without recursion (which overflows the stack on the deep values fuzzing makes): the same text for
 * JSON values, `undefined` properties left out and `undefined` elements written as null.
 */
export function toJsonText(root: unknown): string {
  const out: string[] = [];
  const stack: ({ literal: string } | { value: unknown })[] = [{ value: root }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('literal' in item) {
      out.push(item.literal);
      continue;
    }
    const value = item.value;
    if (typeof value !== 'object' || value === null) {
      out.push(JSON.stringify(value) ?? 'null');
      continue;
    }
    const record = value as Record<string, unknown>;
    const isArray = Array.isArray(value);
    const keys = isArray ? Object.keys(value) : Object.keys(value).filter((key) => record[key] !== undefined);
    const parts: ({ literal: string } | { value: unknown })[] = [{ literal: isArray ? '[' : '{' }];
    keys.forEach((key, i) => {
      if (i > 0) parts.push({ literal: ',' });
      if (!isArray) parts.push({ literal: `${JSON.stringify(key)}:` });
      parts.push({ value: record[key] });
    });
    parts.push({ literal: isArray ? ']' : '}' });
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
  return out.join('');
}

/** Text edits: cut the text short, or insert a fragment at a position (mod the length). */
export const textEdit = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '<', '>', '&', '\\', '\u0000', '\ufeff', '<!--', ']]>', '&#0;', '&lt;'), fc.string({ maxLength: 6 })) }),
);

export function editText(text: string, edits: readonly { kind: 'cut' | 'insert'; at: number; text?: string }[]): string {
  let out = text;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    out = edit.kind === 'cut' ? out.slice(0, at) : out.slice(0, at) + edit.text! + out.slice(at);
  }
  return out;
}

/** Text as an XML attribute value or element content carries it. */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Pieces of DAX-like XML, joined at random: tags that open and close out of order, entities, DTDs, odd names. */
const XML_PIECES = [
  '<?xml version="1.0"?>',
  '<adag name="f">',
  '</adag>',
  '<adag/>',
  '<job id="a" runtime="1">',
  '<job id="b" runtime="1e308">',
  '<job id="__proto__" runtime="2"/>',
  '<job id="constructor" runtime="-1"/>',
  '<job id="" runtime=""/>',
  '</job>',
  '<uses file="f" link="output" size="1e308"/>',
  '<uses file="f" link="input"/>',
  '<uses name="__proto__" link="inout" size="-5"/>',
  '<child ref="a">',
  '<child ref="constructor">',
  '<parent ref="b"/>',
  '<parent ref="__proto__"/>',
  '</child>',
  '<!DOCTYPE adag [<!ENTITY e "x">]>',
  '<!DOCTYPE adag [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE adag [<!ENTITY % p "x">]>',
  '<!DOCTYPE adag>',
  '&e;',
  '&amp;',
  '&#x41;',
  '&#0;',
  '<![CDATA[<job>]]>',
  '<!-- <job id="c"/> -->',
  '<__proto__/>',
  '<constructor>',
  '</constructor>',
  '<toString/>',
  '<dax:job id="d" runtime="3"/>',
  'text',
  '<',
  '>',
  '"',
  '&',
] as const;

export const xmlishText: fc.Arbitrary<string> = fc.array(fc.constantFrom(...XML_PIECES), { maxLength: 24 }).map((pieces) => pieces.join(''));
