import { jsonPath, parseWorkflow, quoteId, type ClusterSpec, type EdgeSpec, type TaskSpec, type WorkflowSpec } from '@hetsched/core';
import { importDax, importWfFormat, parseWorkflowJson } from '@hetsched/formats';
import { definedFields, parseInput } from '../common/documents.js';
import { BadUserInputError } from '../common/errors.js';
import { WorkflowFormat, type SubmitWorkflowInput, type WorkflowInput } from './workflow.input.js';
import type { Task, TaskDependency } from './workflow.type.js';

export interface ReadWorkflow {
  workflow: WorkflowSpec;
  /** The machines of a WfFormat trace, when it lists them. */
  traceCluster?: ClusterSpec;
  warnings: string[];
}

/** The workflow of a submission, validated: from its structured input or its document in the given format. */
export function readWorkflow(input: SubmitWorkflowInput): ReadWorkflow {
  const structured = input.workflow ?? undefined;
  const document = input.document ?? undefined;
  if ((structured === undefined) === (document === undefined)) {
    throw new BadUserInputError('give exactly one of input.workflow (structured) or input.document (text)', [], { field: 'input' });
  }
  if (structured) {
    if (input.format !== WorkflowFormat.NATIVE) {
      throw new BadUserInputError('input.format describes input.document; leave it out with input.workflow', [], { field: 'input.format' });
    }
    const spec = workflowFromInput(structured);
    return { workflow: parseInput('input.workflow', () => parseWorkflow(spec)), warnings: [] };
  }
  const text = document!;
  switch (input.format) {
    case WorkflowFormat.NATIVE:
      return { workflow: parseInput('input.document', () => parseWorkflowJson(text)), warnings: [] };
    case WorkflowFormat.WFFORMAT: {
      const imported = parseInput('input.document', () => importWfFormat(text));
      return { workflow: imported.workflow, ...(imported.cluster ? { traceCluster: imported.cluster } : {}), warnings: imported.warnings };
    }
    case WorkflowFormat.DAX: {
      const imported = parseInput('input.document', () => importDax(text));
      return { workflow: imported.workflow, warnings: imported.warnings };
    }
  }
}

/**
 * The native document of a structured input. Costs arrive as a list of {processor, time} (GraphQL has no map type)
 * and become the document's `costs` object; a processor given twice is refused at the place it repeats.
 */
export function workflowFromInput(input: WorkflowInput): WorkflowSpec {
  const tasks = input.tasks.map((task, i): TaskSpec => {
    let costs: Record<string, number> | undefined;
    if (task.costs) {
      costs = {};
      for (const [j, cost] of task.costs.entries()) {
        // Ids are data: own keys only ("constructor" is `in` every object), and "__proto__" defined, not assigned.
        if (Object.hasOwn(costs, cost.processor)) {
          const path = jsonPath(jsonPath(jsonPath('$.tasks', i), 'costs'), j);
          throw BadUserInputError.fromIssues('input.workflow', [
            { severity: 'error', path, message: `a second cost for processor ${quoteId(cost.processor)}`, taskId: task.id, processorId: cost.processor },
          ]);
        }
        Object.defineProperty(costs, cost.processor, { value: cost.time, enumerable: true, writable: true, configurable: true });
      }
    }
    return { id: task.id, ...definedFields({ work: task.work, costs, memoryGb: task.memoryGb, priority: task.priority }) };
  });
  const edges = input.edges.map((edge): EdgeSpec => ({ from: edge.from, to: edge.to, ...definedFields({ data: edge.data }) }));
  return { ...definedFields({ name: input.name }), tasks, edges };
}

export function toTasks(workflow: WorkflowSpec): Task[] {
  return workflow.tasks.map((task) => ({
    id: task.id,
    work: task.work ?? null,
    costs: Object.entries(task.costs ?? {}).map(([processor, time]) => ({ processor, time })),
    memoryGb: task.memoryGb ?? null,
    priority: task.priority ?? null,
  }));
}

export function toDependencies(workflow: WorkflowSpec): TaskDependency[] {
  return workflow.edges.map((edge) => ({ from: edge.from, to: edge.to, data: edge.data ?? 0 }));
}
