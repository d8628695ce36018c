import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { findCycle, parseWorkflow, validateWorkflow } from './validate-workflow.js';

const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error');
const at = (issues: ValidationIssue[], path: string) => issues.filter((i) => i.path === path);

/** A valid three-task chain to corrupt one field at a time. */
const chain = () => ({
  name: 'chain',
  tasks: [
    { id: 'a', work: 2 },
    { id: 'b', costs: { p1: 3, p2: 4 } },
    { id: 'c', work: 1, costs: { p1: 0 } },
  ],
  edges: [
    { from: 'a', to: 'b', data: 5 },
    { from: 'b', to: 'c' },
  ],
});

describe('validateWorkflow: valid documents', () => {
  it('accepts a valid chain with no issue at all', () => {
    expect(validateWorkflow(chain())).toEqual([]);
  });

  it('accepts zero work, zero costs, zero data and extra fields', () => {
    const doc = { tasks: [{ id: 'a', work: 0, owner: 'x' }, { id: 'b', costs: { p: 0 } }], edges: [{ from: 'a', to: 'b', data: 0, note: 1 }], version: 3 };
    expect(validateWorkflow(doc)).toEqual([]);
  });

  it('accepts independent tasks with an empty edge list', () => {
    expect(validateWorkflow({ tasks: [{ id: 'x', work: 1 }], edges: [] })).toEqual([]);
  });
});

describe('validateWorkflow: document shape', () => {
  it.each([null, 3, 'text', [1, 2]])('refuses a non-object document (%j) at $', (doc) => {
    const issues = validateWorkflow(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', path: '$' });
    expect(issues[0]?.message).toMatch(/workflow must be a JSON object/);
  });

  it('requires tasks and edges lists', () => {
    expect(validateWorkflow({ edges: [] })).toEqual([{ severity: 'error', path: '$.tasks', message: 'is required (a list of tasks)' }]);
    expect(validateWorkflow({ tasks: {}, edges: [] })).toEqual([{ severity: 'error', path: '$.tasks', message: 'must be a list of tasks' }]);
    expect(validateWorkflow({ tasks: [{ id: 'a', work: 1 }] })).toEqual([
      { severity: 'error', path: '$.edges', message: 'is required (a list of edges; [] for independent tasks)' },
    ]);
    expect(at(validateWorkflow({ tasks: [{ id: 'a', work: 1 }], edges: 'a->b' }), '$.edges')[0]?.message).toBe('must be a list of edges');
  });

  it('refuses an empty workflow', () => {
    const issues = validateWorkflow({ tasks: [], edges: [] });
    expect(issues).toEqual([{ severity: 'error', path: '$.tasks', message: 'the workflow is empty: it needs at least one task' }]);
  });

  it('refuses a non-string name', () => {
    expect(validateWorkflow({ ...chain(), name: 7 })).toEqual([{ severity: 'error', path: '$.name', message: 'must be a string, got 7' }]);
  });

  it('refuses a task that is not an object, and ids that are missing, empty or not strings', () => {
    const doc = { tasks: [{ id: 'ok', work: 1 }, 'x', { work: 1 }, { id: '', work: 1 }, { id: 5, work: 1 }], edges: [] };
    const issues = validateWorkflow(doc);
    expect(at(issues, '$.tasks[1]')[0]?.message).toBe('a task must be an object, got "x"');
    expect(at(issues, '$.tasks[2].id')[0]?.message).toBe('task id must be a string, got undefined');
    expect(at(issues, '$.tasks[3].id')[0]?.message).toBe('task id must not be empty');
    expect(at(issues, '$.tasks[4].id')[0]?.message).toBe('task id must be a string, got 5');
    expect(errors(issues)).toHaveLength(4);
  });
});

describe('validateWorkflow: tasks', () => {
  it('refuses a duplicate task id at the second occurrence, naming the first', () => {
    const doc = chain();
    doc.tasks.push({ id: 'b', work: 1 });
    const issues = validateWorkflow(doc);
    expect(issues).toEqual([
      { severity: 'error', path: '$.tasks[3].id', message: 'duplicate task id "b" (first at $.tasks[1])', taskId: 'b' },
    ]);
  });

  it('refuses a task with neither work nor costs', () => {
    const doc = { tasks: [{ id: 'a', work: 1 }, { id: 'lazy' }], edges: [] };
    expect(validateWorkflow(doc)).toEqual([
      { severity: 'error', path: '$.tasks[1]', message: 'task "lazy" has neither "work" nor "costs": its execution time is unknown', taskId: 'lazy' },
    ]);
  });

  it.each([
    [-1, 'must not be negative, got -1'],
    [Number.NaN, 'must be a finite number, got NaN'],
    [Number.POSITIVE_INFINITY, 'must be a finite number, got Infinity'],
    [Number.NEGATIVE_INFINITY, 'must be a finite number, got -Infinity'],
    ['5', 'must be a number, got "5"'],
    [null, 'must be a number, got null'],
    [true, 'must be a number, got boolean'],
  ])('refuses work = %s with the rule it breaks', (work, message) => {
    const doc = chain();
    (doc.tasks[0] as Record<string, unknown>)['work'] = work;
    // The message names the task after the rule it breaks.
    expect(validateWorkflow(doc)).toEqual([{ severity: 'error', path: '$.tasks[0].work', message: `${message} (task "a")`, taskId: 'a' }]);
  });

  it('refuses bad costs with the processor in the path and in processorId', () => {
    const doc = chain();
    (doc.tasks as unknown[])[1] = { id: 'b', costs: { p1: -2, 'p-2': Number.NaN, p3: '4', p4: 1 } };
    const issues = validateWorkflow(doc);
    expect(issues).toEqual([
      { severity: 'error', path: '$.tasks[1].costs.p1', message: 'must not be negative, got -2 (task "b", processor "p1")', taskId: 'b', processorId: 'p1' },
      { severity: 'error', path: '$.tasks[1].costs["p-2"]', message: 'must be a finite number, got NaN (task "b", processor "p-2")', taskId: 'b', processorId: 'p-2' },
      { severity: 'error', path: '$.tasks[1].costs.p3', message: 'must be a number, got "4" (task "b", processor "p3")', taskId: 'b', processorId: 'p3' },
    ]);
  });

  it('refuses a cost explicitly set to undefined (a hole, not a time)', () => {
    const doc = { tasks: [{ id: 'a', costs: { p1: undefined } }], edges: [] };
    const issues = validateWorkflow(doc);
    expect(errors(issues)).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: '$.tasks[0].costs.p1', taskId: 'a' });
  });

  it('refuses costs that are not an object', () => {
    for (const costs of [[1, 2], null, 3]) {
      const issues = validateWorkflow({ tasks: [{ id: 'a', costs }], edges: [] });
      expect(issues).toEqual([{ severity: 'error', path: '$.tasks[0].costs', message: 'must be an object mapping processor ids to times (task "a")', taskId: 'a' }]);
    }
  });

  it('checks memoryGb and priority', () => {
    const doc = { tasks: [{ id: 'a', work: 1, memoryGb: -1, priority: 'high' }], edges: [] };
    expect(validateWorkflow(doc)).toEqual([
      { severity: 'error', path: '$.tasks[0].memoryGb', message: 'must not be negative, got -1 (task "a")', taskId: 'a' },
      { severity: 'error', path: '$.tasks[0].priority', message: 'must be a number, got "high" (task "a")', taskId: 'a' },
    ]);
    // a negative priority is fine: it is only an ordering hint
    expect(validateWorkflow({ tasks: [{ id: 'a', work: 1, priority: -3 }], edges: [] })).toEqual([]);
  });

  it('names the task in the message, quoted so that a message stays one line, and cut when very long', () => {
    const odd = 'two\nlines "quoted"';
    const long = 'x'.repeat(100);
    const issues = validateWorkflow({ tasks: [{ id: odd, work: -1 }, { id: long, costs: { p: -2 } }], edges: [] });
    expect(issues.map((i) => i.message)).toEqual([
      // JSON quoting: the line break becomes \n and the quotes are escaped.
      'must not be negative, got -1 (task "two\\nlines \\"quoted\\"")',
      // 60 characters of the id, then an ellipsis.
      `must not be negative, got -2 (task "${'x'.repeat(60)}…", processor "p")`,
    ]);
    expect(issues.every((i) => !i.message.includes('\n'))).toBe(true);
    expect(issues.map((i) => i.taskId)).toEqual([odd, long]);
  });

  it('reports every problem in one pass, not only the first', () => {
    const doc = { tasks: [{ id: 'a', work: -1 }, { id: 'a', work: 'x' }, { id: 'b' }], edges: [{ from: 'a', to: 'zz' }] };
    const paths = errors(validateWorkflow(doc)).map((i) => i.path);
    expect(paths).toEqual(['$.tasks[0].work', '$.tasks[1].id', '$.tasks[1].work', '$.tasks[2]', '$.edges[0].to']);
  });
});

describe('validateWorkflow: edges', () => {
  it('refuses an edge to an unknown task, and from one', () => {
    const doc = chain();
    doc.edges.push({ from: 'c', to: 'ghost' }, { from: 'spirit', to: 'a' });
    expect(validateWorkflow(doc)).toEqual([
      { severity: 'error', path: '$.edges[2].to', message: 'edge to unknown task "ghost"', taskId: 'ghost' },
      { severity: 'error', path: '$.edges[3].from', message: 'edge from unknown task "spirit"', taskId: 'spirit' },
    ]);
  });

  it('refuses a self-loop (and does not also call it a cycle)', () => {
    const doc = chain();
    doc.edges.push({ from: 'b', to: 'b' });
    expect(validateWorkflow(doc)).toEqual([{ severity: 'error', path: '$.edges[2]', message: 'self-loop on task "b"', taskId: 'b' }]);
  });

  it('refuses a duplicate edge at the second occurrence, naming the first', () => {
    const doc = chain();
    doc.edges.push({ from: 'a', to: 'b', data: 1 });
    expect(validateWorkflow(doc)).toEqual([
      { severity: 'error', path: '$.edges[2]', message: 'duplicate edge "a" -> "b" (first at $.edges[0])', taskId: 'a' },
    ]);
  });

  it('accepts both directions of a pair only as a cycle, not as a duplicate', () => {
    const doc = chain();
    doc.edges.push({ from: 'b', to: 'a' });
    const issues = validateWorkflow(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/cycle/);
  });

  it.each([
    [-3, 'must not be negative, got -3'],
    [Number.NaN, 'must be a finite number, got NaN'],
    [Number.POSITIVE_INFINITY, 'must be a finite number, got Infinity'],
    ['10', 'must be a number, got "10"'],
  ])('refuses data = %s', (data, message) => {
    const doc = chain();
    (doc.edges[0] as Record<string, unknown>)['data'] = data;
    // An edge has no id: the message names it by its two tasks.
    expect(validateWorkflow(doc)).toEqual([{ severity: 'error', path: '$.edges[0].data', message: `${message} (edge "a" -> "b")` }]);
  });

  it('refuses an edge that is not an object or has bad endpoints', () => {
    const doc = { tasks: [{ id: 'a', work: 1 }], edges: [7, { from: 'a' }, { from: 1, to: 'a' }] };
    const issues = validateWorkflow(doc);
    expect(at(issues, '$.edges[0]')[0]?.message).toBe('an edge must be an object with "from" and "to", got 7');
    expect(at(issues, '$.edges[1].to')[0]?.message).toBe('task id must be a string, got undefined');
    expect(at(issues, '$.edges[2].from')[0]?.message).toBe('task id must be a string, got 1');
    expect(errors(issues)).toHaveLength(3);
  });
});

describe('validateWorkflow: cycles', () => {
  const cycleIssue = (issues: ValidationIssue[]) => issues.filter((i) => i.message.includes('cycle'));

  it('names the tasks of a two-task cycle', () => {
    const issues = validateWorkflow({ tasks: [{ id: 'x', work: 1 }, { id: 'y', work: 1 }], edges: [{ from: 'x', to: 'y' }, { from: 'y', to: 'x' }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('$.edges');
    expect(['the workflow has a cycle: "x" -> "y" -> "x"', 'the workflow has a cycle: "y" -> "x" -> "y"']).toContain(issues[0]?.message);
  });

  it('lists the first ten tasks of a long cycle and counts them all', () => {
    // t0 -> t1 -> ... -> t11 -> t0: twelve tasks, each on the cycle.
    const tasks = Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, work: 1 }));
    const edges = tasks.map((t, i) => ({ from: t.id, to: tasks[(i + 1) % 12]!.id }));
    const [issue] = cycleIssue(validateWorkflow({ tasks, edges }));
    const listed = issue!.message.replace('the workflow has a cycle: ', '');
    expect(listed).toMatch(/ -> … \(12 tasks in all\)$/);
    const names = listed.replace(/ -> … .*$/, '').split(' -> ').map((name) => JSON.parse(name) as string);
    expect(names).toHaveLength(10);
    // Ten consecutive tasks of the cycle, in edge direction.
    const start = Number(names[0]!.slice(1));
    expect(names).toEqual(Array.from({ length: 10 }, (_, k) => `t${(start + k) % 12}`));
  });

  it('names exactly the tasks on a cycle behind an acyclic prefix and in front of an acyclic tail', () => {
    // s -> a -> b -> c -> d -> b, and d -> tail -> end: only b, c, d are on the cycle.
    const ids = ['tail', 's', 'end', 'a', 'b', 'c', 'd'];
    const doc = {
      tasks: ids.map((id) => ({ id, work: 1 })),
      edges: [
        { from: 's', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'd' },
        { from: 'd', to: 'b' },
        { from: 'd', to: 'tail' },
        { from: 'tail', to: 'end' },
      ],
    };
    const issues = cycleIssue(validateWorkflow(doc));
    expect(issues).toHaveLength(1);
    const names = issues[0]!.message
      .replace('the workflow has a cycle: ', '')
      .split(' -> ')
      .map((name) => JSON.parse(name) as string);
    expect(names[0]).toBe(names[names.length - 1]);
    expect(new Set(names)).toEqual(new Set(['b', 'c', 'd']));
    expect(names).toHaveLength(4);
    // in edge direction: each consecutive pair is an edge of the document
    for (let k = 0; k + 1 < names.length; k++) {
      expect(doc.edges.some((e) => e.from === names[k] && e.to === names[k + 1])).toBe(true);
    }
    expect(['b', 'c', 'd']).toContain(issues[0]?.taskId);
  });

  it('reports one cycle when there are several', () => {
    const doc = {
      tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 1 })),
      edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }, { from: 'c', to: 'd' }, { from: 'd', to: 'c' }],
    };
    expect(cycleIssue(validateWorkflow(doc))).toHaveLength(1);
  });

  it('parseWorkflow throws a ValidationError carrying every issue, and returns a valid document as is', () => {
    const doc = chain();
    expect(parseWorkflow(doc)).toBe(doc);
    const bad = { tasks: [{ id: 'a', work: -1 }, { id: 'b' }], edges: [] };
    let caught: unknown;
    try {
      parseWorkflow(bad, 'my workflow');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe('invalid my workflow: $.tasks[0].work: must not be negative, got -1 (task "a") (and 1 more)');
    expect(error.name).toBe('ValidationError');
  });
});

/** Reference: does the directed graph over 0..n-1 have a cycle? (reachability closure) */
function hasCycle(n: number, edges: readonly [number, number][]): boolean {
  const reach = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const [a, b] of edges) reach[a]![b] = true;
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (reach[i]![k] && reach[k]![j]) reach[i]![j] = true;
  return reach.some((row, i) => row[i]);
}

const randomDigraph = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    // drop self-loops after generation (a filter that never passes would hang fast-check when n = 1)
    edges: fc
      .uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 16, selector: ([a, b]) => `${a}>${b}` })
      .map((list) => list.filter(([a, b]) => a !== b)),
  }),
);

describe('cycle detection (property)', () => {
  it('findCycle finds a cycle exactly when there is one, and returns a real simple cycle', () => {
    fc.assert(
      fc.property(randomDigraph, ({ n, edges }) => {
        const successors: number[][] = Array.from({ length: n }, () => []);
        for (const [a, b] of edges) successors[a]!.push(b);
        const cycle = findCycle(successors);
        expect(cycle !== undefined).toBe(hasCycle(n, edges));
        if (cycle) {
          expect(new Set(cycle).size).toBe(cycle.length);
          for (let k = 0; k < cycle.length; k++) {
            const from = cycle[k]!;
            const to = cycle[(k + 1) % cycle.length]!;
            expect(successors[from]).toContain(to);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('validateWorkflow reports a cycle exactly when the graph has one', () => {
    fc.assert(
      fc.property(randomDigraph, ({ n, edges }) => {
        const doc = { tasks: Array.from({ length: n }, (_, i) => ({ id: `v${i}`, work: 1 })), edges: edges.map(([a, b]) => ({ from: `v${a}`, to: `v${b}` })) };
        const issues = validateWorkflow(doc);
        expect(issues.filter((i) => i.message.includes('cycle')).length).toBe(hasCycle(n, edges) ? 1 : 0);
        expect(issues.filter((i) => !i.message.includes('cycle'))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
