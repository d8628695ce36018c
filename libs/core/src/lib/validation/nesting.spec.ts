import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../errors.js';
import { MAX_NESTING_DEPTH } from './nesting.js';
import { validateCluster } from './validate-cluster.js';
import { validateWorkflow } from './validate-workflow.js';

const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error');

/** `{"n": {"n": ... {}}}` with `levels` objects below the top one. */
function nestedObjects(levels: number): Record<string, unknown> {
  const top: Record<string, unknown> = {};
  let inner = top;
  for (let i = 0; i < levels; i++) inner = (inner['n'] = {}) as Record<string, unknown>;
  return top;
}

/** A one-task workflow whose task carries `extra`: `$.tasks[0].extra` lies 3 steps below the root. */
const withTaskExtra = (extra: unknown) => ({ tasks: [{ id: 'a', work: 1, extra }], edges: [] });

describe('nesting: the depth limit of extra fields', () => {
  it('accepts a value exactly 64 steps down and refuses one 65 steps down, at its path, naming the task', () => {
    // $.tasks[0].extra is 3 steps down; each "n" adds one: 61 of them end 64 steps down, 62 end 65 steps down.
    expect(validateWorkflow(withTaskExtra(nestedObjects(61)))).toEqual([]);
    const issues = validateWorkflow(withTaskExtra(nestedObjects(62)));
    expect(issues).toEqual([
      {
        severity: 'error',
        path: `$.tasks[0].extra${'.n'.repeat(62)}`,
        message: `lies 65 levels deep: a document may nest at most ${MAX_NESTING_DEPTH} levels of objects and arrays (task "a")`,
        taskId: 'a',
      },
    ]);
  });

  it('counts a scalar 65 steps down as too deep, and an empty container 64 steps down as fine', () => {
    // [[...[1]...]]: arrays from step 3 on; with 62 arrays the 1 sits at step 3 + 62 = 65.
    const arrays = (count: number, innermost: unknown) => Array.from({ length: count }).reduce<unknown>((inner) => [inner], innermost);
    expect(errors(validateWorkflow(withTaskExtra(arrays(62, 1))))[0]?.path).toBe(`$.tasks[0].extra${'[0]'.repeat(62)}`);
    expect(validateWorkflow(withTaskExtra(arrays(61, 1)))).toEqual([]);
    expect(validateWorkflow(withTaskExtra(arrays(61, [])))).toEqual([]);
    expect(errors(validateWorkflow(withTaskExtra(arrays(62, []))))[0]?.path).toBe(`$.tasks[0].extra${'[0]'.repeat(62)}`);
  });

  it('refuses 5,000 levels (the store would overflow the stack) without overflowing itself', () => {
    const issues = errors(validateWorkflow(withTaskExtra(nestedObjects(5000))));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: `$.tasks[0].extra${'.n'.repeat(62)}`, taskId: 'a' });
    const arrays = errors(validateWorkflow({ tasks: [{ id: 'a', work: 1 }], edges: [], deep: JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) }));
    // $.deep is 1 step down: the first value at step 65 is 64 "[0]" below it.
    expect(arrays[0]?.path).toBe(`$.deep${'[0]'.repeat(64)}`);
  });

  it('checks the extra fields of the workflow, edges, and every level of a cluster', () => {
    const deep = nestedObjects(100);
    const workflow = { tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }], edges: [{ from: 'a', to: 'b', note: deep }], meta: deep };
    const found = errors(validateWorkflow(workflow));
    // $.meta is 1 step down, so the first value too deep is 64 "n" below it; $.edges[0].note is 3 steps down: 62.
    expect(found.map((i) => i.path)).toEqual([`$.meta${'.n'.repeat(64)}`, `$.edges[0].note${'.n'.repeat(62)}`]);
    expect(found[1]?.message).toMatch(/\(edge "a" -> "b"\)$/);
    const cluster = {
      processors: [{ id: 'p', x: deep }, { id: 'q' }],
      network: { y: deep, links: [{ between: ['p', 'q'], z: deep }] },
      w: deep,
    };
    const inCluster = errors(validateCluster(cluster));
    // Steps down: $.w 1, $.processors[0].x 3, $.network.y 2, $.network.links[0].z 4; 65 minus each in "n" below.
    expect(inCluster.map((i) => i.path)).toEqual([
      `$.w${'.n'.repeat(64)}`,
      `$.processors[0].x${'.n'.repeat(62)}`,
      `$.network.y${'.n'.repeat(63)}`,
      `$.network.links[0].z${'.n'.repeat(61)}`,
    ]);
    expect(inCluster[1]).toMatchObject({ processorId: 'p' });
    expect(inCluster[3]?.message).toMatch(/\(link "p" - "q"\)$/);
  });

  it('leaves the defined fields to their own checks (costs deeper than a number are refused as not numbers)', () => {
    const issues = validateWorkflow({ tasks: [{ id: 'a', costs: { p: nestedObjects(100) } }], edges: [] });
    expect(issues).toEqual([
      { severity: 'error', path: '$.tasks[0].costs.p', message: 'must be a number, got object (task "a", processor "p")', taskId: 'a', processorId: 'p' },
    ]);
  });

  it('agrees with a naive recursive depth on random JSON', () => {
    /** Steps from the value to its deepest descendant (0 for a scalar or an empty container). */
    const height = (value: unknown): number => {
      if (typeof value !== 'object' || value === null) return 0;
      const children = Object.values(value);
      return children.length === 0 ? 0 : 1 + Math.max(...children.map(height));
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 70 }), (value, padding) => {
        // The value hangs `padding` levels below $.tasks[0].extra (3 steps down).
        let extra: unknown = value;
        for (let i = 0; i < padding; i++) extra = { p: extra };
        const deepest = 3 + padding + height(value);
        const issues = errors(validateWorkflow(withTaskExtra(extra)));
        expect(issues.length).toBe(deepest > MAX_NESTING_DEPTH ? 1 : 0);
        if (issues.length > 0) expect(issues[0]!.path.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
