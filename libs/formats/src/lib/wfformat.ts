import { jsonPath, quoteId, parseCluster, parseWorkflow, type ClusterSpec, type ProcessorSpec, type TaskSpec, type WorkflowSpec, describeValue, isPlainObject } from '@hetsched/core';
import { FileDependencyEdges, type TaskFiles } from './file-edges.js';
import { ImportIssues, plural } from './import-issues.js';
import { parseJsonText } from './native-json.js';
import { roundTo } from '@hetsched/core';
import { optional } from '@hetsched/core';
import { bytesPerUnit, type DataUnit } from './units.js';
import {
  readSpecificationLayout,
  readTaskListLayout,
  SPECIFICATION_LAYOUT_VERSIONS,
  TASK_LIST_LAYOUT_VERSIONS,
  type Trace,
  type TraceMachine,
} from './wfformat-trace.js';

export interface WfFormatImportOptions {
  /** Unit of edge data (decimal: 1 MB = 10^6 bytes); default MB. */
  dataUnit?: DataUnit;
  /**
   * The speed, in MHz, of a processor of speed 1. Default: the mean `speedInMHz` of the trace's machines, so a
   * task's work is about its runtime on an average machine of the trace.
   */
  referenceSpeedMHz?: number;
  /** Network bandwidth of the imported cluster, in dataUnit per second; default 1 Gbit/s (125 MB/s). */
  bandwidth?: number;
}

export interface WfFormatImport {
  workflow: WorkflowSpec;
  /** One processor per machine of the trace; absent when the trace lists no machines. */
  cluster?: ClusterSpec;
  /** Lossy but valid conversions, as sentences. */
  warnings: string[];
}

/** 1 Gbit/s, the network of the Chameleon testbed where most WfCommons traces were recorded. */
export const DEFAULT_TRACE_BANDWIDTH_BYTES_PER_SECOND = 125e6;

/** Decimals kept in speeds and work: a microsecond of work; the traces give runtimes in milliseconds. */
const DECIMALS = 6;
const WHAT = 'WfFormat trace';

/**
 * Imports a WfCommons trace (WfFormat 1.5, and the older 1.0-1.4 task-list layout): a task's work is its runtime
 * times the relative speed of the machine it ran on; an edge's data is the size of the files the parent writes
 * and the child reads. Throws a ValidationError naming the JSON path of each fault of a malformed trace.
 */
export function importWfFormat(input: string | object, options: WfFormatImportOptions = {}): WfFormatImport {
  const unitBytes = bytesPerUnit(options.dataUnit);
  checkPositiveOption(options.referenceSpeedMHz, 'referenceSpeedMHz');
  checkPositiveOption(options.bandwidth, 'bandwidth');
  const document = typeof input === 'string' ? parseJsonText(input, WHAT) : input;

  // Faults are collected through reading and conversion and thrown together: a conversion step skips what a
  // reading step found broken, so one trace's faults are reported in one error.
  const issues = new ImportIssues();
  const trace = readTrace(document, issues);
  const speeds = machineSpeeds(trace.machines, options.referenceSpeedMHz, issues);
  const workflow: WorkflowSpec = {
    ...optional('name', isPlainObject(document) && typeof document['name'] === 'string' ? document['name'] : undefined),
    tasks: toTasks(trace, speeds, issues),
    edges: toEdges(trace, unitBytes, issues),
  };
  const cluster =
    trace.machines.length === 0
      ? undefined
      : toCluster(trace.machines, speeds, options.bandwidth ?? DEFAULT_TRACE_BANDWIDTH_BYTES_PER_SECOND / unitBytes, workflow.name);
  if (!cluster) issues.warn('the trace lists no machines: no cluster was imported');
  issues.throwIfErrors(WHAT);

  return {
    workflow: parseWorkflow(workflow, 'workflow imported from WfFormat'),
    ...optional('cluster', cluster && parseCluster(cluster, 'cluster imported from WfFormat')),
    warnings: issues.warnings,
  };
}

/** Picks the layout by `schemaVersion` (or, when it is missing, by the shape of `workflow`). */
function readTrace(document: unknown, issues: ImportIssues): Trace {
  const empty: Trace = { tasks: [], fileSizes: new Map(), machines: [] };
  if (!isPlainObject(document)) {
    issues.error('$', `a WfFormat trace is a JSON object with "schemaVersion" and "workflow", got ${describeValue(document)}`);
    return empty;
  }
  const workflow = document['workflow'];
  if (!isPlainObject(workflow)) {
    issues.error('$.workflow', workflow === undefined ? 'is required: a WfFormat trace describes its workflow there' : 'must be an object');
    return empty;
  }
  const version = document['schemaVersion'];
  if (version === undefined) {
    const layout = workflow['specification'] !== undefined ? 'specification' : 'task-list';
    issues.warn(`the trace has no schemaVersion: read as the ${layout} layout of WfFormat ${layout === 'specification' ? '1.5' : '1.4'}`);
    return layout === 'specification' ? readSpecificationLayout(workflow, issues) : readTaskListLayout(workflow, issues);
  }
  if (typeof version === 'string' && SPECIFICATION_LAYOUT_VERSIONS.includes(version)) return readSpecificationLayout(workflow, issues);
  if (typeof version === 'string' && TASK_LIST_LAYOUT_VERSIONS.includes(version)) return readTaskListLayout(workflow, issues);
  issues.error('$.schemaVersion', `unsupported WfFormat schemaVersion ${describeValue(version)} (supported: 1.0 to 1.6)`);
  return empty;
}

/**
 * Each machine's speed relative to the reference, rounded; undefined for a machine whose speed the trace does not
 * give (it counts as the reference, speed 1).
 */
function machineSpeeds(machines: TraceMachine[], referenceSpeedMHz: number | undefined, issues: ImportIssues): Map<string, number | undefined> {
  const known = machines.filter((m) => m.speedInMHz !== undefined);
  const reference = referenceSpeedMHz ?? (known.length > 0 ? known.reduce((sum, m) => sum + m.speedInMHz!, 0) / known.length : 1);
  if (known.length < machines.length) {
    issues.warn(`${plural(machines.length - known.length, 'machine')} without cpu.speedInMHz: taken as speed 1 (the reference)`);
  }
  const speeds = new Map<string, number | undefined>();
  for (const machine of machines) {
    if (speeds.has(machine.nodeName)) issues.error(jsonPath(machine.path, 'nodeName'), `duplicate machine ${quoteId(machine.nodeName)}`);
    else speeds.set(machine.nodeName, machine.speedInMHz === undefined ? undefined : roundTo(machine.speedInMHz / reference, DECIMALS));
  }
  return speeds;
}

function toTasks(trace: Trace, speeds: ReadonlyMap<string, number | undefined>, issues: ImportIssues): TaskSpec[] {
  let withoutMachine = 0;
  const tasks = trace.tasks.map((task): TaskSpec => {
    const machine = task.machine;
    if (machine && speeds.size > 0 && !speeds.has(machine.nodeName)) {
      issues.error(machine.path, `unknown machine ${quoteId(machine.nodeName)} (not among the trace's machines)`, task.id);
    }
    if (!machine) withoutMachine++;
    // work = seconds on a processor of speed 1: a task that took 10 s on a machine of speed 1.2 has work 12.
    const speed = machine ? (speeds.get(machine.nodeName) ?? 1) : 1;
    return {
      id: task.id,
      // WfFormat 1.5 traces repeat the id as the name: only a name that says something else is kept.
      ...optional('name', task.name === task.id ? undefined : task.name),
      work: roundTo(task.runtimeInSeconds * speed, DECIMALS),
      ...optional('memoryGb', task.memoryInBytes === undefined ? undefined : task.memoryInBytes / 1e9),
      ...optional('priority', task.priority),
    };
  });
  if (withoutMachine > 0 && trace.machines.length > 0) {
    issues.warn(`${plural(withoutMachine, 'task')} without a machine: work = runtime (as on a machine of the reference speed)`);
  }
  return tasks;
}

function toEdges(trace: Trace, unitBytes: number, issues: ImportIssues) {
  const files = new Map<string, TaskFiles>();
  for (const task of trace.tasks) {
    if (files.has(task.id)) {
      issues.error(jsonPath(task.path, 'id'), `duplicate task id ${quoteId(task.id)}`, task.id);
      continue;
    }
    const outputs = new Map(task.outputFiles.map((file) => [file, trace.fileSizes.get(file) ?? 0]));
    files.set(task.id, { outputs, inputs: new Set(task.inputFiles) });
  }
  const edges = new FileDependencyEdges((id) => files.get(id)!, unitBytes);
  for (const task of trace.tasks) {
    for (const [key, list] of [['parents', task.parents], ['children', task.children]] as const) {
      list.forEach((other, j) => {
        const path = jsonPath(jsonPath(task.path, key), j);
        if (!files.has(other)) issues.error(path, `unknown task ${quoteId(other)}`, task.id);
        else if (other === task.id) issues.error(path, `task ${quoteId(task.id)} depends on itself`, task.id);
        else if (key === 'parents') edges.add(other, task.id);
        else edges.add(task.id, other);
      });
    }
  }
  const warning = edges.warning();
  if (warning) issues.warn(warning);
  return edges.edges;
}

function toCluster(machines: TraceMachine[], speeds: ReadonlyMap<string, number | undefined>, bandwidth: number, name: string | undefined): ClusterSpec {
  const processors = machines.map(
    (machine): ProcessorSpec => ({
      id: machine.nodeName,
      ...optional('speed', speeds.get(machine.nodeName)),
      ...optional('cores', machine.coreCount),
      ...optional('memoryGb', machine.memoryInBytes === undefined ? undefined : machine.memoryInBytes / 1e9),
    }),
  );
  return { ...optional('name', name && `${name} machines`), processors, network: { bandwidth, latency: 0 } };
}

function checkPositiveOption(value: number | undefined, option: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${option} must be a finite number > 0, got ${value}`);
  }
}
