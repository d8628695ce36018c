import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../checker/check-schedule.js';
import type { ValidationIssue } from '../errors.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { scheduleEarliestFinish } from '../schedule/list-scheduler.js';
import { makespanOf, toAssignments } from '../schedule/schedule.js';
import { validateCluster, validateProblem } from './validate-cluster.js';
import { validateWorkflow } from './validate-workflow.js';

/**
 * Fuzzing validation, the gate every input passes through (the native reader, the importers' output, the API's
 * structured input): for any value, the validators return issues and never throw; every issue has a path and a
 * one-line message; and a pair they accept compiles and schedules to finite times that the checker accepts, so no
 * scheduler meets an input that makes it fail. FUZZ_RUNS=<n> runs every property n times.
 */

const runs = (base: number) => {
  const wanted = Number(process.env['FUZZ_RUNS']);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : base;
};

/** Generous (the machine may be loaded), and no limit to speak of under FUZZ_RUNS. */
const FUZZ_TIMEOUT_MS = process.env['FUZZ_RUNS'] ? 3_600_000 : 60_000;

const IDS = ['a', 'b', 'p1', 'p2', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '$', 'x y', 'line\nbreak'];

/** Numbers a time or a size might be, valid or not, the edges of doubles included. */
const number = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(0, -0, 1, 2.5, 1e308, Number.MAX_VALUE, Number.MIN_VALUE, 1e-320, 1e300, 6e299, 1e-300, 1e-10) },
  { weight: 20, arbitrary: fc.double({ noNaN: true, min: 0, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, Number.NaN, Infinity, -Infinity) },
);

/** Usually absent, sometimes `value`. */
const sometimes = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });

/** Something that is not what the format asks for. */
const odd = fc.oneof(fc.constantFrom(null, true, '5', '', [], {}), fc.jsonValue({ maxDepth: 2 }));

/** A field that is usually right and sometimes not. */
const maybe = <T>(right: fc.Arbitrary<T>) => fc.oneof({ weight: 15, arbitrary: right }, { weight: 1, arbitrary: odd });

/** `{"n": {"n": ...}}`, to hang under extra fields. */
const deep = fc.integer({ min: 1, max: 70 }).map((levels) => {
  let value: unknown = 0;
  for (let i = 0; i < levels; i++) value = { n: value };
  return value;
});

/** Records from key/value pairs, keeping "__proto__" an own key as JSON.parse would. */
function record(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) if (value !== undefined) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const costs = fc.array(fc.tuple(fc.constantFrom(...IDS), maybe(number)), { maxLength: 4 }).map(record);

const task = (id: unknown) =>
  fc
    .tuple(fc.option(maybe(number), { nil: undefined, freq: 4 }), fc.option(maybe(costs), { nil: undefined }), sometimes(deep))
    .map(([work, taskCosts, extra]) => record([['id', id], ['work', work ?? (taskCosts === undefined ? 1 : undefined)], ['costs', taskCosts], ['extra', extra]]));

/** An edge between two of the tasks, mostly forwards (so that most graphs are DAGs), or between odd ends. */
const edge = (ids: readonly unknown[]) =>
  fc
    .tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 1), fc.option(maybe(number), { nil: undefined }), fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), maybe(fc.constant(undefined)))
    .map(([i, j, data, backwards, oddEnd]) => {
      // A self-loop now and then is enough: most edges join two different tasks.
      const [from, to] = backwards ? [j, i] : [Math.min(i, j), Math.max(i, j) + (i === j ? 1 : 0)];
      return record([['from', oddEnd === undefined ? ids[from] : oddEnd], ['to', ids[to % ids.length]], ['data', data]]);
    });

const taskIds = fc.uniqueArray(maybe(fc.constantFrom(...IDS)), { minLength: 1, maxLength: 5, comparator: 'SameValueZero' });

const roughWorkflow = fc.oneof(
  {
    weight: 8,
    // Edges listed once per pair, mostly forwards: duplicates and cycles stay possible, not the rule. (JSON text as
    // the key: String() throws on an odd end without a prototype.)
    arbitrary: taskIds.chain((ids) =>
      fc.record({
        tasks: fc.tuple(...ids.map(task)),
        edges: fc.uniqueArray(edge(ids), { maxLength: 5, selector: (e) => JSON.stringify([e['from'], e['to']]) }),
      }),
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const processor = (id: unknown) =>
  fc
    .tuple(fc.option(maybe(number), { nil: undefined }), sometimes(deep))
    .map(([speed, extra]) => record([['id', id], ['speed', speed], ['extra', extra]]));

const link = fc
  .tuple(maybe(fc.tuple(fc.constantFrom(...IDS), fc.constantFrom(...IDS))), fc.option(maybe(number), { nil: undefined }), fc.option(maybe(number), { nil: undefined }))
  .map(([between, bandwidth, latency]) => record([['between', between], ['bandwidth', bandwidth], ['latency', latency]]));

const roughCluster = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        processors: fc
          .uniqueArray(maybe(fc.constantFrom(...IDS)), { minLength: 1, maxLength: 3, comparator: 'SameValueZero' })
          .chain((ids) => fc.tuple(...ids.map(processor))),
        network: fc.record({ bandwidth: maybe(number), latency: maybe(number), links: sometimes(fc.array(link, { maxLength: 1 })) }, { requiredKeys: [] }),
      },
      { requiredKeys: ['processors'] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

function expectClearIssues(issues: readonly ValidationIssue[]): void {
  for (const issue of issues) {
    expect(issue.path.startsWith('$')).toBe(true);
    expect(issue.message).not.toBe('');
    // One line each: ids are quoted, so an id with a line break cannot split a message.
    expect(`${issue.path}: ${issue.message}`).not.toMatch(/[\n\r]/);
  }
}

const hasErrors = (issues: readonly ValidationIssue[]) => issues.some((i) => i.severity === 'error');

describe('validation, fuzzed', () => {
  it('never throws; accepted pairs compile and schedule to finite, checked times', () => {
    const seen = { accepted: 0, refusedAlone: 0, refusedAsPair: 0 };
    fc.assert(
      fc.property(roughWorkflow, roughCluster, (workflow, cluster) => {
        const workflowIssues = validateWorkflow(workflow);
        const clusterIssues = validateCluster(cluster);
        expectClearIssues(workflowIssues);
        expectClearIssues(clusterIssues);
        if (hasErrors(workflowIssues) || hasErrors(clusterIssues)) {
          seen.refusedAlone++;
          return;
        }
        const pairIssues = validateProblem(workflow as WorkflowSpec, cluster as ClusterSpec);
        expectClearIssues(pairIssues);
        if (hasErrors(pairIssues)) {
          seen.refusedAsPair++;
          expect(() => compileProblem(workflow as WorkflowSpec, cluster as ClusterSpec)).toThrow(/^invalid workflow for this cluster: \$/);
          return;
        }
        seen.accepted++;
        const problem = compileProblem(workflow as WorkflowSpec, cluster as ClusterSpec);
        const schedule = scheduleEarliestFinish(problem, problem.topologicalOrder);
        expect(Number.isFinite(makespanOf(schedule))).toBe(true);
        expect(checkSchedule(workflow as WorkflowSpec, cluster as ClusterSpec, toAssignments(problem, schedule)).violations).toEqual([]);
      }),
      { numRuns: runs(1500) },
    );
    // Each way must be taken often enough for the property to mean something. About 1.5% of rough pairs pass
    // both gates, so 1,500 runs accept about 22 of them: fewer than 6 is a generator that lost its way, not chance.
    expect(Math.min(seen.accepted, seen.refusedAlone, seen.refusedAsPair), JSON.stringify(seen)).toBeGreaterThanOrEqual(6);
  }, FUZZ_TIMEOUT_MS);
});
