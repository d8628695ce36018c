import { MAX_NESTING_DEPTH, type WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editText, FUZZ_TIMEOUT_MS, fuzzRuns, mutate, mutation, nested, ODD_NUMBERS, textEdit, toJsonText } from '../testing/fuzz.js';
import { expectSchedulable, expectWorkflowOrClearError, tally, uniqueOddIds, type Outcome } from '../testing/fuzz-expect.js';
import { parseClusterJson, parseWorkflowJson } from './native-json.js';

/**
 * Fuzzing the native JSON reader: whatever the input, it gives a valid, schedulable workflow or a clear ValidationError
 * (testing/fuzz-expect.ts). FUZZ_RUNS=<n> runs every property n times.
 */

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
