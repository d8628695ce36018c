import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editText, FUZZ_TIMEOUT_MS, fuzzRuns, mutate, mutation, textEdit, toJsonText } from '../testing/fuzz.js';
import { expectWorkflowOrClearError, tally, uniqueOddIds, type Outcome } from '../testing/fuzz-expect.js';
import { importWfFormat } from './wfformat.js';

/**
 * Fuzzing the WfCommons WfFormat reader: whatever the input, it gives a valid, schedulable workflow or a clear ValidationError
 * (testing/fuzz-expect.ts). FUZZ_RUNS=<n> runs every property n times.
 */

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
