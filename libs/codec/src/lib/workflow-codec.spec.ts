import type { Assignment, ClusterSpec, WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactDifference } from '../testing/exact-equal.js';
import { largeWorkflow } from '../testing/fixtures.js';
import { DocumentFormatError } from './document-codec.js';
import { parseExact, setOwn, stringifyExact } from './exact-json.js';
import { decodeAssignments, decodeCluster, decodeWorkflow, encodeAssignments, encodeCluster, encodeWorkflow } from './workflow-codec.js';

// ---- arbitraries ---------------------------------------------------------------------------------------------

/** Strings, including lone surrogates and the keys that trip naive code. */
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', '__proto__', 'constructor', 'toString', '$', '$$', '$x', '0', '7', '\u0000', '\ud800', 'é'),
);

/** Every double, -0, NaN and the infinities included. */
const double = fc.oneof(fc.double(), fc.constantFrom(-0, 0, NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE, 0.1 + 0.2));

/** Any value a document may hold, undefined included. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    double,
    text,
    fc.array(tie('value'), { maxLength: 3 }),
    entries(text, tie('value'), 3),
  ),
})).value;

/** A plain object from unique [key, value] entries, in the generated order (`__proto__` as an own key). */
function entries<V>(key: fc.Arbitrary<string>, value: fc.Arbitrary<V>, maxLength: number): fc.Arbitrary<Record<string, V>> {
  return fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength }).map((list) => {
    const out: Record<string, V> = {};
    for (const [k, v] of list) setOwn(out, k, v);
    return out;
  });
}

/** An object whose known fields mostly have the expected type (sometimes not), plus extra fields, in any order. */
function row(known: Record<string, fc.Arbitrary<unknown>>, maxExtras = 2): fc.Arbitrary<Record<string, unknown>> {
  const knownKeys = Object.keys(known);
  const entry = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...knownKeys).chain((k) => fc.oneof({ weight: 5, arbitrary: known[k]! }, { weight: 1, arbitrary: anyValue }).map((v) => [k, v] as const)) },
    { weight: 1, arbitrary: fc.tuple(text, anyValue) },
  );
  return fc.uniqueArray(entry, { selector: ([k]) => k, maxLength: knownKeys.length + maxExtras }).map((list) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of list) setOwn(out, k, v);
    return out;
  });
}

const processorKey = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('p0', 'p1', 'p2', 'gpu-1') }, { weight: 1, arbitrary: text });
const costs = entries(processorKey, double, 4);
const task = row({ id: text, work: double, costs, memoryGb: double, priority: double });
/** A row, sometimes not an object at all. */
const maybeRow = (r: fc.Arbitrary<Record<string, unknown>>) => fc.oneof({ weight: 12, arbitrary: r }, { weight: 1, arbitrary: anyValue });

/** Tasks, then edges that mostly name those tasks. */
const workflow: fc.Arbitrary<Record<string, unknown>> = fc.array(maybeRow(task), { maxLength: 12 }).chain((tasks) => {
  const ids = tasks.map((t) => (t && typeof t === 'object' && typeof (t as { id?: unknown }).id === 'string' ? (t as { id: string }).id : null));
  const known = ids.filter((id): id is string => id !== null);
  const ref = known.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: text }) : text;
  const edge = row({ from: ref, to: ref, data: double });
  return fc
    .tuple(fc.array(maybeRow(edge), { maxLength: 16 }), fc.option(text, { nil: undefined }), entries(text, anyValue, 2), fc.nat())
    .map(([edges, name, extras, order]) => {
      const fields: [string, unknown][] = [['tasks', tasks], ['edges', edges], ...(name === undefined ? [] : [['name', name] as [string, unknown]])];
      for (const [k, v] of Object.entries(extras)) if (!['tasks', 'edges', 'name'].includes(k)) fields.push([k, v]);
      // rotate, so tasks need not come first
      const rotated = fields.map((_, i) => fields[(i + order) % fields.length]!);
      const out: Record<string, unknown> = {};
      for (const [k, v] of rotated) setOwn(out, k, v);
      return out;
    });
});

/** Homogeneous tasks, as real workflows are: the encoder's fast paths. */
const uniformWorkflow = fc
  .array(fc.tuple(fc.string({ maxLength: 5 }), double, fc.array(double, { minLength: 3, maxLength: 3 })), { minLength: 1, maxLength: 40 })
  .chain((rows) => {
    const tasks = rows.map(([id, work, [a, b, c]], i) => ({ id: `${id}#${i}`, work, costs: { p0: a!, p1: b!, p2: c! } }));
    return fc
      .array(fc.tuple(fc.nat(tasks.length - 1), fc.nat(tasks.length - 1), double), { maxLength: 60 })
      .map((pairs) => ({ name: 'uniform', tasks, edges: pairs.map(([f, t, data]) => ({ from: tasks[f]!.id, to: tasks[t]!.id, data })) }));
  });

const processor = row({ id: text, speed: double, cores: double, memoryGb: double, type: fc.constantFrom('cpu', 'gpu', 'fpga') });
const cluster: fc.Arbitrary<Record<string, unknown>> = fc.array(maybeRow(processor), { maxLength: 8 }).chain((processors) => {
  const ids = processors.flatMap((p) => (p && typeof p === 'object' && typeof (p as { id?: unknown }).id === 'string' ? [(p as { id: string }).id] : []));
  const ref = ids.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: text }) : text;
  const link = row({ between: fc.oneof({ weight: 5, arbitrary: fc.tuple(ref, ref) }, { weight: 1, arbitrary: fc.array(ref, { maxLength: 3 }) }), bandwidth: double, latency: double });
  const network = fc.oneof(
    { weight: 5, arbitrary: fc.record({ links: fc.array(maybeRow(link), { maxLength: 6 }), bandwidth: double }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: anyValue },
  );
  return fc.tuple(network, fc.option(text, { nil: undefined })).map(([net, name]) => {
    const out: Record<string, unknown> = { processors };
    if (name !== undefined) out['name'] = name;
    if (net !== undefined) out['network'] = net;
    return out;
  });
});

const assignments = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ task: text, processor: fc.constantFrom('p0', 'p1', 'p2'), start: double, finish: double }) },
    { weight: 1, arbitrary: row({ task: text, processor: text, start: double, finish: double }) },
  ),
  { maxLength: 20 },
);

function expectExact(actual: unknown, expected: unknown): void {
  const difference = exactDifference(actual, expected);
  if (difference) expect.fail(difference);
}

// ---- properties ----------------------------------------------------------------------------------------------

describe('exact JSON', () => {
  it('round-trips every storable value exactly', () => {
    fc.assert(fc.property(anyValue, (value) => expectExact(parseExact(stringifyExact(value)), value)), { numRuns: 1000 });
    const specials = { '-0': -0, nan: [NaN, Infinity, -Infinity], u: undefined, $: { $: '-0' }, $$: ['$'], ['__proto__']: { a: 1 } };
    Object.defineProperty(specials, '__proto__', { value: { a: -0 }, enumerable: true });
    expectExact(parseExact(stringifyExact(specials)), specials);
  });

  it('is plain JSON when nothing needs markers', () => {
    expect(stringifyExact({ a: [1, 'x', null, true], b: { c: 0.1 } })).toBe('{"a":[1,"x",null,true],"b":{"c":0.1}}');
    expect(stringifyExact({ $ref: -0, n: [NaN, Infinity, undefined] })).toBe('{"$$ref":{"$":"-0"},"n":[{"$":"NaN"},{"$":"Infinity"},{"$":"undefined"}]}');
  });

  it('refuses what it cannot store instead of changing it', () => {
    expect(() => stringifyExact({ when: new Date(0) })).toThrow(/Date/);
    expect(() => stringifyExact({ n: 1n })).toThrow(/bigint/);
    expect(() => stringifyExact({ f: () => 1 })).toThrow(/function/);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => stringifyExact(cyclic)).toThrow(/cyclic/);
  });
});

describe('workflow codec', () => {
  it('round-trips any workflow exactly: keys, key order, ids, doubles, extras, odd rows', () => {
    fc.assert(
      fc.property(workflow, (spec) => expectExact(decodeWorkflow(encodeWorkflow(spec as WorkflowSpec)), spec)),
      { numRuns: 300 },
    );
  });

  it('round-trips homogeneous workflows exactly (the columnar fast paths)', () => {
    fc.assert(fc.property(uniformWorkflow, (spec) => expectExact(decodeWorkflow(encodeWorkflow(spec)), spec)), { numRuns: 200 });
  });

  it('keeps bit-exact doubles, -0 and NaN in every numeric column', () => {
    const spec: WorkflowSpec = {
      tasks: [
        { id: 'a', work: -0, costs: { p0: 0.1 + 0.2, p1: Number.MIN_VALUE, p2: NaN }, memoryGb: Infinity, priority: -Infinity },
        { id: 'b', work: 5e-324, costs: { p0: 1.7976931348623157e308, p1: -0, p2: 2 ** -1074 } },
      ],
      edges: [{ from: 'a', to: 'b', data: -0 }],
    };
    const back = decodeWorkflow(encodeWorkflow(spec));
    expectExact(back, spec);
    expect(Object.is(back.tasks[0]!.work, -0)).toBe(true);
  });

  it('keeps edges that name unknown tasks, duplicate ids, and fields of unexpected types', () => {
    const spec = {
      name: 7,
      edges: [{ to: 'nowhere', from: 'a', data: '12', extra: { deep: [1, { $: 'not a marker' }] } }, null, 'edge?'],
      tasks: [{ id: 'a' }, { id: 'a', work: 'heavy' }, { work: 1 }, { id: 3, costs: { p0: 'x' } }, [], { costs: {} }],
      '': undefined,
    };
    expectExact(decodeWorkflow(encodeWorkflow(spec as unknown as WorkflowSpec)), spec);
  });

  it('stores a large workflow compactly and round-trips it', () => {
    // (the repository test stores and loads the full 100,000-task workflow)
    const spec = largeWorkflow({ tasks: 20_000, processors: 64 });
    const bytes = encodeWorkflow(spec);
    // 20,000 x 64 costs + 20,000 work + ~60,000 edges (two int32 + one float64) + ids in the header
    expect(bytes.length).toBeLessThan(20_000 * 65 * 8 + 60_000 * 16 + 400_000);
    const back = decodeWorkflow(bytes);
    expect(back.tasks).toHaveLength(20_000);
    expectExact(back, spec);
  });

  it('refuses what is not a stored document', () => {
    expect(() => decodeWorkflow(Buffer.from('{"tasks":[]}'))).toThrow(DocumentFormatError);
    const bytes = encodeWorkflow(largeWorkflow({ tasks: 10, processors: 2 }));
    expect(() => decodeWorkflow(bytes.subarray(0, bytes.length - 16))).toThrow(DocumentFormatError);
  });

  it('reads documents from unaligned buffers', () => {
    const spec = largeWorkflow({ tasks: 50, processors: 3 });
    const bytes = encodeWorkflow(spec);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expectExact(decodeWorkflow(shifted.subarray(3)), spec);
  });
});

describe('cluster codec', () => {
  it('round-trips any cluster exactly', () => {
    fc.assert(fc.property(cluster, (spec) => expectExact(decodeCluster(encodeCluster(spec as ClusterSpec)), spec)), { numRuns: 300 });
  });
});

describe('assignments codec', () => {
  it('round-trips any assignment list exactly', () => {
    fc.assert(fc.property(assignments, (list) => expectExact(decodeAssignments(encodeAssignments(list as Assignment[])), list)), { numRuns: 200 });
  });
});
