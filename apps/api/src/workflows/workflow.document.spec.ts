import { readFileSync } from 'node:fs';
import type { WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../common/errors.js';
import { paperExample } from '../testing/paths.js';
import { readWorkflow, toDependencies, toTasks, workflowFromInput } from './workflow.document.js';
import { WorkflowFormat, type SubmitWorkflowInput } from './workflow.input.js';

const paper = readFileSync(`${paperExample}workflow.json`, 'utf8');

function submission(fields: Partial<SubmitWorkflowInput>): SubmitWorkflowInput {
  return { format: WorkflowFormat.NATIVE, ...fields } as SubmitWorkflowInput;
}

function thrown(fn: () => unknown): BadUserInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputError');
}

describe('reading a submitted workflow', () => {
  it('reports a document fault as the CLI does, with the argument in place of the file', () => {
    const workflow = JSON.parse(paper) as WorkflowSpec;
    workflow.edges.push({ from: 'n10', to: 'n99', data: 1 });
    const error = thrown(() => readWorkflow(submission({ document: JSON.stringify(workflow) })));
    expect(error.message).toBe('input.document: $.edges[15].to: edge to unknown task "n99"');
    expect(error.extensions['code']).toBe('BAD_USER_INPUT');
    expect(error.extensions['issues']).toEqual([
      expect.objectContaining({ severity: 'error', path: '$.edges[15].to', message: 'edge to unknown task "n99"' }),
    ]);
  });

  it('names the line and column of a JSON syntax error', () => {
    const error = thrown(() => readWorkflow(submission({ document: '{"tasks": [\n  {"id": "a",, }]}' })));
    expect(error.message).toMatch(/^input\.document: line 2, column \d+: /);
  });

  it('turns structured input into the native document, costs list into the costs object', () => {
    const spec = workflowFromInput({
      name: 'w',
      tasks: [
        { id: 'a', costs: [{ processor: 'p1', time: 3 }, { processor: 'p2', time: 4 }], work: null },
        { id: 'b', work: 2 },
      ],
      edges: [{ from: 'a', to: 'b', data: null }],
    });
    expect(spec).toEqual({ name: 'w', tasks: [{ id: 'a', costs: { p1: 3, p2: 4 } }, { id: 'b', work: 2 }], edges: [{ from: 'a', to: 'b' }] });
    expect(toTasks(spec)[0]).toEqual({ id: 'a', work: null, costs: [{ processor: 'p1', time: 3 }, { processor: 'p2', time: 4 }], memoryGb: null, priority: null });
    expect(toDependencies(spec)).toEqual([{ from: 'a', to: 'b', data: 0 }]);
  });

  it('refuses a processor costed twice, and validates structured input with the same paths', () => {
    const twice = thrown(() =>
      readWorkflow(submission({ workflow: { tasks: [{ id: 'a', costs: [{ processor: 'p1', time: 1 }, { processor: 'p1', time: 2 }] }], edges: [] } })),
    );
    expect(twice.message).toBe('input.workflow: $.tasks[0].costs[1]: a second cost for processor "p1"');
    const cyclic = thrown(() =>
      readWorkflow(submission({ workflow: { tasks: [{ id: 'a', work: 1 }, { id: 'b', work: -1 }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }] } })),
    );
    expect(cyclic.message).toBe('input.workflow: $.tasks[1].work: must not be negative, got -1 (task "b") (and 1 more; see extensions.issues)');
    expect(cyclic.extensions['issueCount']).toBe(2);
  });

  it('takes processor ids that are Object.prototype names as data in structured costs', () => {
    const odd = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    const spec = workflowFromInput({ tasks: [{ id: 'a', costs: odd.map((processor, i) => ({ processor, time: i + 1 })) }], edges: [] });
    const costs = spec.tasks[0]!.costs!;
    // Own keys, in input order, "__proto__" included; the object's prototype is untouched.
    expect(Object.keys(costs)).toEqual(odd);
    expect(odd.map((id) => costs[id])).toEqual([1, 2, 3, 4]);
    expect(Object.getPrototypeOf(costs)).toBe(Object.prototype);
    expect(readWorkflow(submission({ workflow: { tasks: [{ id: 'a', costs: odd.map((processor) => ({ processor, time: 1 })) }], edges: [] } })).workflow.tasks).toHaveLength(1);
    expect(toTasks(spec)[0]!.costs).toEqual(odd.map((processor, i) => ({ processor, time: i + 1 })));
    const twice = thrown(() => workflowFromInput({ tasks: [{ id: 'a', costs: [{ processor: '__proto__', time: 1 }, { processor: '__proto__', time: 2 }] }], edges: [] }));
    expect(twice.message).toBe('input.workflow: $.tasks[0].costs[1]: a second cost for processor "__proto__"');
  });

  it('wants exactly one of workflow and document, and format only with a document', () => {
    expect(thrown(() => readWorkflow(submission({}))).message).toMatch(/exactly one of input\.workflow/);
    expect(thrown(() => readWorkflow(submission({ document: paper, workflow: { tasks: [], edges: [] } }))).message).toMatch(/exactly one/);
    expect(thrown(() => readWorkflow(submission({ format: WorkflowFormat.DAX, workflow: { tasks: [{ id: 'a', work: 1 }], edges: [] } }))).message).toMatch(
      /input\.format describes input\.document/,
    );
  });
});
