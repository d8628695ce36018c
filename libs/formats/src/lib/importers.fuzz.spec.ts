import {
  checkSchedule,
  MAX_NESTING_DEPTH,
  validateProblem,
  validateWorkflow,
  ValidationError,
  type ClusterSpec,
  type WorkflowSpec,
} from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editText, escapeXmlText, FUZZ_TIMEOUT_MS, fuzzRuns, mutate, mutation, nested, ODD_IDS, ODD_NUMBERS, textEdit, toJsonText, xmlishText } from '../testing/fuzz.js';
import { heftSchedule } from '../testing/schedule.js';
import { importDax } from './dax.js';
import { parseClusterJson, parseWorkflowJson } from './native-json.js';
import { importWfFormat } from './wfformat.js';

/**
 * Fuzzing the three importers: whatever the input, each returns a workflow that is valid, survives a JSON round trip
 * and schedules to finite times that the checker accepts, or throws a ValidationError whose first issue reads as one
 * line with its place. Anything else (a TypeError, a RangeError, a stack overflow) would reach a user as an internal
 * error. FUZZ_RUNS=<n> runs every property n times.
 */

const TWO_PROCESSORS: ClusterSpec = { processors: [{ id: 'p1' }, { id: 'p2', speed: 2 }], network: { bandwidth: 1, latency: 0.5 } };

type Outcome = 'imported' | 'refused';

/** The promise every reader keeps; returns which way it went. */
function expectWorkflowOrClearError(run: () => { workflow: WorkflowSpec; cluster?: ClusterSpec | undefined }): Outcome {
  let imported: { workflow: WorkflowSpec; cluster?: ClusterSpec | undefined };
  try {
    imported = run();
  } catch (error) {
    expectClearValidationError(error);
    return 'refused';
  }
  const { workflow, cluster } = imported;
  expect(validateWorkflow(workflow).filter((i) => i.severity === 'error')).toEqual([]);
  // What a reader returns can be written and read back as native JSON, unchanged.
  expect(parseWorkflowJson(JSON.stringify(workflow))).toEqual(workflow);
  expectSchedulable(workflow, cluster ?? TWO_PROCESSORS);
  return 'imported';
}

function expectClearValidationError(error: unknown): void {
  if (!(error instanceof ValidationError)) throw error;
  const errors = error.issues.filter((i) => i.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  // The CLI prints the first as one line; the API and `hetsched validate` list them all, one per line.
  for (const issue of errors) {
    expect(issue.path).not.toBe('');
    expect(issue.message).not.toBe('');
    expect(`${issue.path}: ${issue.message}`).not.toMatch(/[\n\r\u2028\u2029]/);
  }
  expect(error.message).not.toMatch(/[\n\r]/);
}

/** A valid pair either is refused by validateProblem with issues, or schedules to finite, checked times. */
function expectSchedulable(workflow: WorkflowSpec, cluster: ClusterSpec): void {
  if (validateProblem(workflow, cluster).some((i) => i.severity === 'error')) return;
  const { assignments, document } = heftSchedule(workflow, cluster);
  expect(Number.isFinite(document.makespan)).toBe(true);
  expect(checkSchedule(workflow, cluster, assignments).violations).toEqual([]);
}

function tally(outcomes: Outcome[]): Record<Outcome, number> {
  return { imported: outcomes.filter((o) => o === 'imported').length, refused: outcomes.filter((o) => o === 'refused').length };
}

// ---- native JSON ----------------------------------------------------------------------------------------------

const PAPER_LIKE = {
  name: 'base',
  tasks: [
    { id: 'a', work: 2, note: { owner: 'x' } },
    { id: 'b', costs: { p1: 3, p2: 4 } },
    { id: 'c', work: 1, costs: { p1: 0 }, memoryGb: 1, priority: -1 },
  ],
  edges: [
    { from: 'a', to: 'b', data: 5 },
    { from: 'b', to: 'c' },
  ],
};

const uniqueOddIds = (min: number, max: number) =>
  fc.uniqueArray(fc.oneof(fc.constantFrom(...ODD_IDS.filter((id) => id !== '')), fc.string({ minLength: 1, maxLength: 6 })), { minLength: min, maxLength: max });

describe('native JSON reader, fuzzed', () => {
  it('reads any JSON text, or refuses it clearly', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 4 }), fc.string({ maxLength: 40 })), (text) => {
        outcomes.push(expectWorkflowOrClearError(() => ({ workflow: parseWorkflowJson(text) })));
      }),
      { numRuns: fuzzRuns(300) },
    );
    expect(outcomes).toContain('refused');
  }, FUZZ_TIMEOUT_MS);

  it('reads mutated valid workflows (odd values, odd keys, deep nesting, huge numbers), or refuses them clearly', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = toJsonText(mutate(PAPER_LIKE, mutations));
        outcomes.push(expectWorkflowOrClearError(() => ({ workflow: parseWorkflowJson(text) })));
      }),
      { numRuns: fuzzRuns(500) },
    );
    // Both ways must occur, or the mutations are too weak (or too strong) to test anything.
    expect(tally(outcomes).imported).toBeGreaterThan(0);
    expect(tally(outcomes).refused).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it('reads text edits of a valid workflow (cut short, stray characters), or refuses them clearly', () => {
    const base = JSON.stringify(PAPER_LIKE, null, 1);
    fc.assert(
      fc.property(fc.array(textEdit, { minLength: 1, maxLength: 3 }), (edits) => {
        expectWorkflowOrClearError(() => ({ workflow: parseWorkflowJson(editText(base, edits)) }));
      }),
      { numRuns: fuzzRuns(300) },
    );
  }, FUZZ_TIMEOUT_MS);

  it('reads back exactly a valid workflow whose ids are odd (Object.prototype names, "$", any text)', () => {
    fc.assert(
      fc.property(uniqueOddIds(1, 6), uniqueOddIds(1, 3), fc.array(fc.constantFrom(...ODD_NUMBERS.filter((x) => x >= 0)), { minLength: 6, maxLength: 6 }), (tasks, processors, numbers) => {
        const workflow = {
          tasks: tasks.map((id, i) => ({ id, costs: Object.fromEntries(processors.map((p, k) => [p, numbers[(i + k) % numbers.length]!])) })),
          edges: tasks.slice(1).map((id, i) => ({ from: tasks[i]!, to: id, data: numbers[i]! })),
        };
        // JSON.parse of the text makes "__proto__" an own key; the reader must keep it as one.
        const text = JSON.stringify(workflow);
        expect(parseWorkflowJson(text)).toEqual(JSON.parse(text));
        const cluster = { processors: processors.map((id) => ({ id })) };
        expect(parseClusterJson(JSON.stringify(cluster))).toEqual(cluster);
        expectSchedulable(JSON.parse(text) as WorkflowSpec, cluster);
      }),
      { numRuns: fuzzRuns(200) },
    );
  }, FUZZ_TIMEOUT_MS);

  it('refuses nesting past the limit clearly, and reads text nested 100,000 deep without overflowing', () => {
    const deep = (levels: number) => JSON.stringify({ ...PAPER_LIKE, extra: nested(levels) });
    expect(expectWorkflowOrClearError(() => ({ workflow: parseWorkflowJson(deep(MAX_NESTING_DEPTH - 1)) }))).toBe('imported');
    expect(expectWorkflowOrClearError(() => ({ workflow: parseWorkflowJson(deep(MAX_NESTING_DEPTH)) }))).toBe('refused');
    const text = `{"tasks": [{"id": "a", "work": 1, "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}], "edges": []}`;
    expect(expectWorkflowOrClearError(() => ({ workflow: parseWorkflowJson(text) }))).toBe('refused');
  }, FUZZ_TIMEOUT_MS);
});

// ---- WfFormat -------------------------------------------------------------------------------------------------

const TRACE = {
  name: 'fuzz',
  schemaVersion: '1.5',
  workflow: {
    specification: {
      tasks: [
        { name: 'split', id: 'split_ID01', parents: [], children: ['work_ID02'], inputFiles: ['in.dat'], outputFiles: ['a.dat'] },
        { name: 'work', id: 'work_ID02', parents: ['split_ID01'], children: [], inputFiles: ['a.dat'], outputFiles: [] },
      ],
      files: [
        { id: 'in.dat', sizeInBytes: 5e6 },
        { id: 'a.dat', sizeInBytes: 2e6 },
      ],
    },
    execution: {
      tasks: [
        { id: 'split_ID01', runtimeInSeconds: 10, machines: ['fast'], memoryInBytes: 2e9 },
        { id: 'work_ID02', runtimeInSeconds: 20, machines: ['slow'] },
      ],
      machines: [
        { nodeName: 'fast', cpu: { coreCount: 8, speedInMHz: 3000 } },
        { nodeName: 'slow', cpu: { coreCount: 4, speedInMHz: 1000 } },
      ],
    },
  },
};

/** The same trace in the 1.4 task-list layout. */
const TRACE_1_4 = {
  schemaVersion: '1.4',
  workflow: {
    tasks: [
      { name: 'split', parents: [], children: ['work'], runtimeInSeconds: 10, machine: 'fast', files: [{ link: 'output', name: 'a.dat', sizeInBytes: 2e6 }] },
      { name: 'work', parents: ['split'], children: [], runtimeInSeconds: 20, files: [{ link: 'input', name: 'a.dat', sizeInBytes: 2e6 }] },
    ],
    machines: [{ nodeName: 'fast', cpu: { count: 8, speed: 3000 } }],
  },
};

describe('WfFormat reader, fuzzed', () => {
  it('reads mutated traces of both layouts, as objects and as text, or refuses them clearly', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(fc.constantFrom(TRACE, TRACE_1_4), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (base, mutations, asText) => {
        const trace = mutate(base, mutations) as object;
        outcomes.push(expectWorkflowOrClearError(() => importWfFormat(asText ? toJsonText(trace) : trace)));
      }),
      { numRuns: fuzzRuns(500) },
    );
    expect(tally(outcomes).imported).toBeGreaterThan(0);
    expect(tally(outcomes).refused).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it('reads arbitrary JSON and text edits of a trace, or refuses them clearly', () => {
    const base = JSON.stringify(TRACE);
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 4 }), fc.array(textEdit, { minLength: 1, maxLength: 3 }).map((edits) => editText(base, edits))), (text) => {
        expectWorkflowOrClearError(() => importWfFormat(text));
      }),
      { numRuns: fuzzRuns(300) },
    );
  }, FUZZ_TIMEOUT_MS);

  it('keeps odd task, file and machine names as data', () => {
    fc.assert(
      fc.property(uniqueOddIds(2, 2), uniqueOddIds(1, 1), uniqueOddIds(1, 1), ([first, second], [file], [machine]) => {
        const trace = {
          schemaVersion: '1.5',
          workflow: {
            specification: {
              tasks: [
                { id: first, parents: [], children: [second], inputFiles: [], outputFiles: [file] },
                { id: second, parents: [first], children: [], inputFiles: [file], outputFiles: [] },
              ],
              files: [{ id: file, sizeInBytes: 3e6 }],
            },
            execution: { tasks: [{ id: first, runtimeInSeconds: 1, machines: [machine] }, { id: second, runtimeInSeconds: 2, machines: [machine] }], machines: [{ nodeName: machine }] },
          },
        };
        const { workflow, cluster } = importWfFormat(JSON.stringify(trace));
        // Machines without a speed keep work = runtime; the 3 MB file is the edge's data.
        expect(workflow.tasks.map((t) => [t.id, t.work])).toEqual([
          [first, 1],
          [second, 2],
        ]);
        expect(workflow.edges).toEqual([{ from: first, to: second, data: 3 }]);
        expect(cluster?.processors.map((p) => p.id)).toEqual([machine]);
      }),
      { numRuns: fuzzRuns(100) },
    );
  }, FUZZ_TIMEOUT_MS);
});

// ---- DAX ------------------------------------------------------------------------------------------------------

const TINY_DAX = `<?xml version="1.0" encoding="UTF-8"?>
<adag xmlns="http://pegasus.isi.edu/schema/DAX" version="2.1" name="tiny">
  <job id="ID1" name="Extract" runtime="10.5">
    <uses file="in.dat" link="input" size="1000000"/>
    <uses file="mid.dat" link="output" size="2500000"/>
  </job>
  <job id="ID2" name="Synth" runtime="3">
    <uses file="mid.dat" link="input" size="2500000"/>
  </job>
  <child ref="ID2">
    <parent ref="ID1"/>
  </child>
</adag>
`;

/** TINY_DAX with its n-th attribute values (mod their count) replaced by odd values, escaped or raw. */
const daxWithOddAttributes = fc
  .array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...ODD_IDS), fc.constantFrom(...ODD_NUMBERS).map(String), fc.string({ maxLength: 8 })), fc.boolean()), { minLength: 1, maxLength: 4 })
  .map((replacements) => {
    const values = [...TINY_DAX.matchAll(/="([^"]*)"/g)];
    let xml = TINY_DAX;
    for (const [n, value, escaped] of replacements) {
      const match = [...xml.matchAll(/="([^"]*)"/g)][n % values.length]!;
      const text = escaped ? escapeXmlText(value) : value;
      xml = `${xml.slice(0, match.index + 2)}${text}${xml.slice(match.index + match[0].length - 1)}`;
    }
    return xml;
  });

describe('DAX reader, fuzzed', () => {
  it('reads XML-ish text (tags out of order, DTDs, entities, odd names), or refuses it clearly', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(xmlishText, (xml) => {
        outcomes.push(expectWorkflowOrClearError(() => importDax(xml)));
      }),
      { numRuns: fuzzRuns(500) },
    );
    expect(tally(outcomes).refused).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it('reads a DAX with odd attribute values and text edits, or refuses it clearly', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(fc.oneof(daxWithOddAttributes, fc.array(textEdit, { minLength: 1, maxLength: 3 }).map((edits) => editText(TINY_DAX, edits))), (xml) => {
        outcomes.push(expectWorkflowOrClearError(() => importDax(xml)));
      }),
      { numRuns: fuzzRuns(400) },
    );
    expect(tally(outcomes).imported).toBeGreaterThan(0);
    expect(tally(outcomes).refused).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it('reads jobs with odd ids and edge-of-range runtimes exactly as a naive reading says', () => {
    fc.assert(
      fc.property(uniqueOddIds(1, 5), fc.array(fc.constantFrom(...ODD_NUMBERS), { minLength: 5, maxLength: 5 }), (ids, runtimes) => {
        const jobs = ids.map((id, i) => `<job id="${escapeXmlText(id)}" runtime="${runtimes[i]}"/>`).join('');
        const links = ids.slice(1).map((id, i) => `<child ref="${escapeXmlText(id)}"><parent ref="${escapeXmlText(ids[i]!)}"/></child>`).join('');
        const xml = `<adag>${jobs}${links}</adag>`;
        // The naive reading: every runtime is written from a double, so it reads back as that double; a negative
        // one is refused; -0 is written "0".
        const refused = runtimes.slice(0, ids.length).some((r) => r < 0);
        if (refused) {
          expect(expectWorkflowOrClearError(() => importDax(xml))).toBe('refused');
          return;
        }
        const { workflow } = importDax(xml);
        expect(workflow.tasks).toEqual(ids.map((id, i) => ({ id, work: runtimes[i]! === 0 ? 0 : runtimes[i]! })));
        expect(workflow.edges.map((e) => [e.from, e.to])).toEqual(ids.slice(1).map((id, i) => [ids[i], id]));
        expectSchedulable(workflow, TWO_PROCESSORS);
      }),
      { numRuns: fuzzRuns(200) },
    );
  }, FUZZ_TIMEOUT_MS);

  it('refuses deep nesting and an entity bomb clearly, without overflowing', () => {
    const deep = `<adag><job id="a" runtime="1"/>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</adag>`;
    expect(expectWorkflowOrClearError(() => importDax(deep))).toBe('refused');
    const bomb = `<!DOCTYPE adag [<!ENTITY a "${'a'.repeat(9_999)}">]><adag name="${'&a;'.repeat(100)}"><job id="j" runtime="1"/></adag>`;
    expect(expectWorkflowOrClearError(() => importDax(bomb))).toBe('refused');
  }, FUZZ_TIMEOUT_MS);
});
