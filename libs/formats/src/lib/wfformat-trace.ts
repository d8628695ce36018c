import { jsonPath, describeValue, isPlainObject, quoteId } from '@hetsched/core';
import type { ImportIssues } from './import-issues.js';
import { optional } from '@hetsched/core';

/**
 * A WfCommons trace reduced to what scheduling needs, the same for every WfFormat layout. Each entity keeps the
 * JSON path it came from, so that the conversion can point at the faulty spot in the user's file.
 */
export interface Trace {
  tasks: TraceTask[];
  /** File id -> size in bytes. */
  fileSizes: Map<string, number>;
  machines: TraceMachine[];
}

export interface TraceTask {
  id: string;
  name?: string;
  /** Path of the task in the document; its `parents` and `children` lists are under it in every layout. */
  path: string;
  parents: string[];
  children: string[];
  inputFiles: string[];
  outputFiles: string[];
  runtimeInSeconds: number;
  /** The machine the task ran on, with the path that names it. */
  machine?: { nodeName: string; path: string };
  memoryInBytes?: number;
  priority?: number;
}

export interface TraceMachine {
  nodeName: string;
  path: string;
  speedInMHz?: number;
  coreCount?: number;
  memoryInBytes?: number;
}

/** Schema versions with `workflow.specification` and `workflow.execution` (1.6 only adds optional metrics). */
export const SPECIFICATION_LAYOUT_VERSIONS = ['1.5', '1.6'];
/** Schema versions with `workflow.tasks` (`workflow.jobs` before 1.3), each task carrying its files and runtime. */
export const TASK_LIST_LAYOUT_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4'];

/**
 * WfFormat 1.5: `specification.tasks` (graph and files by id), `specification.files` (sizes),
 * `execution.tasks` (runtime, machine) and `execution.machines`.
 */
export function readSpecificationLayout(workflow: Record<string, unknown>, issues: ImportIssues): Trace {
  const read = new FieldReader(issues);
  const specification = read.object(workflow['specification'], '$.workflow.specification', 'the workflow specification (tasks and files)');
  const execution = read.object(workflow['execution'], '$.workflow.execution', 'the execution record (the runtimes)');

  const fileSizes = new Map<string, number>();
  for (const { item: file, path } of read.objects(specification?.['files'], '$.workflow.specification.files', 'a file', false)) {
    const id = read.string(file['id'], jsonPath(path, 'id'));
    const size = read.number(file['sizeInBytes'], jsonPath(path, 'sizeInBytes'), { required: true, owner: ownerOf('file', id) });
    if (id === undefined) continue;
    if (fileSizes.has(id)) issues.error(jsonPath(path, 'id'), `duplicate file id ${quoteId(id)}`);
    else fileSizes.set(id, size ?? 0);
  }

  type Run = Pick<TraceTask, 'runtimeInSeconds' | 'machine' | 'memoryInBytes' | 'priority'>;
  const runs = new Map<string, { run: Run; path: string }>();
  for (const { item: executed, path } of read.objects(execution?.['tasks'], '$.workflow.execution.tasks', 'an executed task', execution !== undefined)) {
    const id = read.string(executed['id'], jsonPath(path, 'id'));
    const owner = ownerOf('task', id);
    const runtimeInSeconds = read.number(executed['runtimeInSeconds'], jsonPath(path, 'runtimeInSeconds'), { required: true, owner, taskId: id });
    const machines = read.strings(executed['machines'], jsonPath(path, 'machines'));
    if (id === undefined) continue;
    if (runs.has(id)) {
      issues.error(jsonPath(path, 'id'), `task ${quoteId(id)} is executed twice`, id);
      continue;
    }
    // A task that ran on several machines (a rare, multi-node task) is placed on the first one.
    const run: Run = {
      runtimeInSeconds: runtimeInSeconds ?? 0,
      ...(machines[0] === undefined ? {} : { machine: { nodeName: machines[0], path: jsonPath(jsonPath(path, 'machines'), 0) } }),
      ...optional('memoryInBytes', read.number(executed['memoryInBytes'], jsonPath(path, 'memoryInBytes'), { owner, taskId: id })),
      ...optional('priority', read.number(executed['priority'], jsonPath(path, 'priority'), { signed: true, owner, taskId: id })),
    };
    runs.set(id, { run, path });
  }

  const tasks: TraceTask[] = [];
  const specified = new Set<string>();
  for (const { item: task, path } of read.objects(specification?.['tasks'], '$.workflow.specification.tasks', 'a task', specification !== undefined)) {
    const id = read.string(task['id'], jsonPath(path, 'id'));
    const fileIds = (key: 'inputFiles' | 'outputFiles') => {
      const files = read.strings(task[key], jsonPath(path, key));
      files.forEach((file, j) => {
        if (!fileSizes.has(file)) issues.error(jsonPath(jsonPath(path, key), j), `unknown file ${quoteId(file)} (not in $.workflow.specification.files)`, id);
      });
      return files;
    };
    const inputFiles = fileIds('inputFiles');
    const outputFiles = fileIds('outputFiles');
    if (id === undefined) continue;
    specified.add(id);
    const run = runs.get(id)?.run;
    if (run === undefined && execution !== undefined) {
      issues.error(path, `task ${quoteId(id)} has no entry in $.workflow.execution.tasks: its runtime is unknown`, id);
    }
    tasks.push({
      id,
      ...optional('name', read.string(task['name'], jsonPath(path, 'name'), false)),
      path,
      parents: read.strings(task['parents'], jsonPath(path, 'parents')),
      children: read.strings(task['children'], jsonPath(path, 'children')),
      inputFiles,
      outputFiles,
      runtimeInSeconds: 0,
      ...run,
    });
  }
  if (specification !== undefined) {
    for (const [id, { path }] of runs) {
      if (!specified.has(id)) issues.error(jsonPath(path, 'id'), `executed task ${quoteId(id)} is not in $.workflow.specification.tasks`, id);
    }
  }

  return {
    tasks,
    fileSizes,
    machines: readMachines(execution?.['machines'], '$.workflow.execution.machines', read),
  };
}

/**
 * WfFormat 1.0 to 1.4 (WorkflowHub): `workflow.tasks` (`workflow.jobs` before 1.3) with per-task `files`
 * (`{link, name, sizeInBytes}`, `size` before 1.4), `runtimeInSeconds` (`runtime` before 1.4) and `machine`;
 * tasks refer to each other by name. Memory was in KB before 1.4 (`memory`), in bytes from 1.4 (`memoryInBytes`).
 */
export function readTaskListLayout(workflow: Record<string, unknown>, issues: ImportIssues): Trace {
  const read = new FieldReader(issues);
  const listKey = workflow['tasks'] === undefined && workflow['jobs'] !== undefined ? 'jobs' : 'tasks';
  const listPath = jsonPath('$.workflow', listKey);
  const entries = read.list(workflow[listKey], listPath, true);

  // Tasks are named by `name`, which references use; a reference by the optional legacy `id` is accepted too.
  const nameByReference = new Map<string, string>();
  for (const entry of entries) {
    if (!isPlainObject(entry) || typeof entry['name'] !== 'string') continue;
    nameByReference.set(entry['name'], entry['name']);
    if (typeof entry['id'] === 'string' && !nameByReference.has(entry['id'])) nameByReference.set(entry['id'], entry['name']);
  }
  const resolve = (references: string[]) => references.map((reference) => nameByReference.get(reference) ?? reference);

  const fileSizes = new Map<string, number>();
  const tasks: TraceTask[] = [];
  for (const { item: entry, path } of read.objects(entries, listPath, 'a task', true)) {
    const name = read.string(entry['name'], jsonPath(path, 'name'));
    const owner = ownerOf('task', name);
    const runtimeKey = keyOf(entry, 'runtimeInSeconds', 'runtime');
    const runtimeInSeconds = read.number(entry[runtimeKey], jsonPath(path, runtimeKey), { required: true, owner, taskId: name });
    const inputFiles: string[] = [];
    const outputFiles: string[] = [];
    for (const { item: file, path: filePath } of read.objects(entry['files'], jsonPath(path, 'files'), 'a file', false)) {
      const fileName = read.string(file['name'], jsonPath(filePath, 'name'));
      const sizeKey = keyOf(file, 'sizeInBytes', 'size');
      const size = read.number(file[sizeKey], jsonPath(filePath, sizeKey), { required: true, owner: ownerOf('file', fileName) });
      if (fileName === undefined) continue;
      const fileId = typeof file['path'] === 'string' ? file['path'] + fileName : fileName;
      if (!fileSizes.has(fileId)) fileSizes.set(fileId, size ?? 0);
      // `link` is text in a valid trace; anything else (an object, a number) counts as an output, never as a crash.
      (typeof file['link'] === 'string' && file['link'].toLowerCase() === 'input' ? inputFiles : outputFiles).push(fileId);
    }
    const machine = read.string(entry['machine'], jsonPath(path, 'machine'), false);
    const memoryInBytes = readMemoryInBytes(entry, path, read, owner);
    if (name === undefined) continue;
    tasks.push({
      id: name,
      path,
      parents: resolve(read.strings(entry['parents'], jsonPath(path, 'parents'))),
      children: resolve(read.strings(entry['children'], jsonPath(path, 'children'))),
      inputFiles,
      outputFiles,
      runtimeInSeconds: runtimeInSeconds ?? 0,
      ...(machine === undefined ? {} : { machine: { nodeName: machine, path: jsonPath(path, 'machine') } }),
      ...optional('memoryInBytes', memoryInBytes),
      ...optional('priority', read.number(entry['priority'], jsonPath(path, 'priority'), { signed: true, owner, taskId: name })),
    });
  }

  return {
    tasks,
    fileSizes,
    machines: readMachines(workflow['machines'], '$.workflow.machines', read),
  };
}

/**
 * `machines[]` with `nodeName`, `cpu.{coreCount, speedInMHz}` (`count`, `speed` before 1.5) and memory. Either
 * name is accepted in either layout: hand-converted traces mix them.
 */
function readMachines(value: unknown, listPath: string, read: FieldReader): TraceMachine[] {
  const machines: TraceMachine[] = [];
  for (const { item: machine, path } of read.objects(value, listPath, 'a machine', false)) {
    const nodeName = read.string(machine['nodeName'], jsonPath(path, 'nodeName'));
    const cpuPath = jsonPath(path, 'cpu');
    const cpu = machine['cpu'] === undefined ? {} : read.object(machine['cpu'], cpuPath, 'the cpu description');
    const owner = ownerOf('machine', nodeName);
    const memoryInBytes = readMemoryInBytes(machine, path, read, owner);
    const coresKey = keyOf(cpu, 'coreCount', 'count');
    const speedKey = keyOf(cpu, 'speedInMHz', 'speed');
    const coreCount = read.number(cpu?.[coresKey], jsonPath(cpuPath, coresKey), { integer: true, positive: true, owner });
    const speedInMHz = read.number(cpu?.[speedKey], jsonPath(cpuPath, speedKey), { positive: true, owner });
    if (nodeName === undefined) continue;
    machines.push({
      nodeName,
      path,
      ...optional('speedInMHz', speedInMHz),
      ...optional('coreCount', coreCount),
      ...optional('memoryInBytes', memoryInBytes),
    });
  }
  return machines;
}

interface NumberRule {
  required?: boolean;
  /** Negative values allowed (a priority). */
  signed?: boolean;
  positive?: boolean;
  integer?: boolean;
  /** Whose value it is, as the message names it: `task "split_ID01"`. */
  owner?: string | undefined;
  /** The task it belongs to, for the issue's taskId. */
  taskId?: string | undefined;
}

function withOwner(message: string, owner: string | undefined): string {
  return owner === undefined ? message : `${message} (${owner})`;
}

/** `task "x"` for messages, or undefined when the entity has no readable id. */
function ownerOf(kind: 'task' | 'file' | 'machine', id: string | undefined): string | undefined {
  return id === undefined ? undefined : `${kind} ${quoteId(id)}`;
}

/** Reads typed fields and records an error (with its path) for each one that has the wrong type. */
class FieldReader {
  constructor(private readonly issues: ImportIssues) {}

  /** The object at `path`; an error naming `what` is recorded when it is missing or not an object. */
  object(value: unknown, path: string, what: string): Record<string, unknown> | undefined {
    if (isPlainObject(value)) return value;
    this.issues.error(path, value === undefined ? `is required: ${what}` : `must be an object (${what}), got ${describeValue(value)}`);
    return undefined;
  }

  list(value: unknown, path: string, required: boolean): unknown[] {
    if (Array.isArray(value)) return value;
    if (value !== undefined || required) this.issues.error(path, value === undefined ? 'is required (a list)' : `must be a list, got ${describeValue(value)}`);
    return [];
  }

  string(value: unknown, path: string, required = true): string | undefined {
    if (typeof value === 'string' && value.length > 0) return value;
    if (value !== undefined || required) {
      this.issues.error(path, value === undefined ? 'is required (a non-empty string)' : `must be a non-empty string, got ${describeValue(value)}`);
    }
    return undefined;
  }

  /** A finite number, not negative unless `signed`; optional unless `required`. */
  number(value: unknown, path: string, rule: NumberRule = {}): number | undefined {
    if (value === undefined) {
      if (rule.required) this.issues.error(path, withOwner('is required (a number)', rule.owner), rule.taskId);
      return undefined;
    }
    const problem =
      typeof value !== 'number' || !Number.isFinite(value)
        ? `must be a number, got ${describeValue(value)}`
        : rule.integer && !Number.isInteger(value)
          ? `must be an integer, got ${value}`
          : rule.positive && value <= 0
            ? `must be greater than 0, got ${value}`
            : !rule.signed && value < 0
              ? `must not be negative, got ${value}`
              : undefined;
    if (problem === undefined) return value as number;
    this.issues.error(path, withOwner(problem, rule.owner), rule.taskId);
    return undefined;
  }

  /** The entries of a list that are objects, with their paths; an error for each entry that is not. */
  objects(value: unknown, listPath: string, what: string, required: boolean): { item: Record<string, unknown>; path: string }[] {
    const objects: { item: Record<string, unknown>; path: string }[] = [];
    this.list(value, listPath, required).forEach((item, i) => {
      const object = this.object(item, jsonPath(listPath, i), what);
      if (object) objects.push({ item: object, path: jsonPath(listPath, i) });
    });
    return objects;
  }

  /** An optional list of strings (task or file ids); [] when absent. */
  strings(value: unknown, path: string): string[] {
    const items = this.list(value, path, false);
    const strings: string[] = [];
    items.forEach((item, i) => {
      if (typeof item === 'string') strings.push(item);
      else this.issues.error(jsonPath(path, i), `must be a string (an id), got ${describeValue(item)}`);
    });
    return strings;
  }
}

/** The key a field is under: its current name, or its name before WfFormat 1.4/1.5 when only that is present. */
function keyOf(object: Record<string, unknown> | undefined, current: string, legacy: string): string {
  return object?.[current] === undefined && object?.[legacy] !== undefined ? legacy : current;
}

/** `memoryInBytes`, or `memory` in KB before WfFormat 1.4. */
function readMemoryInBytes(object: Record<string, unknown>, path: string, read: FieldReader, owner: string | undefined): number | undefined {
  const key = keyOf(object, 'memoryInBytes', 'memory');
  const value = read.number(object[key], jsonPath(path, key), { owner });
  return key === 'memory' && value !== undefined ? value * 1000 : value;
}
