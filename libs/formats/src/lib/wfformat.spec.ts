import { checkSchedule, ValidationError, type ValidationIssue } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { heftSchedule } from '../testing/schedule.js';
import { importWfFormat } from './wfformat.js';

/** A small WfFormat 1.5 trace: split -> two workers -> join, on a fast (3000 MHz) and a slow (1000 MHz) machine. */
function trace() {
  return {
    name: 'tiny',
    schemaVersion: '1.5',
    workflow: {
      specification: {
        tasks: [
          { name: 'split_ID01', id: 'split_ID01', parents: [], children: ['work_ID02', 'work_ID03'], inputFiles: ['in.dat'], outputFiles: ['a.dat', 'b.dat'] },
          { name: 'work', id: 'work_ID02', parents: ['split_ID01'], children: ['join_ID04'], inputFiles: ['a.dat'], outputFiles: ['a.out'] },
          { name: 'work_ID03', id: 'work_ID03', parents: ['split_ID01'], children: ['join_ID04'], inputFiles: ['b.dat', 'a.dat'], outputFiles: ['b.out'] },
          { name: 'join_ID04', id: 'join_ID04', parents: ['work_ID02', 'work_ID03'], children: [], inputFiles: ['a.out', 'b.out'], outputFiles: [] },
        ],
        files: [
          { id: 'in.dat', sizeInBytes: 5e6 },
          { id: 'a.dat', sizeInBytes: 2e6 },
          { id: 'b.dat', sizeInBytes: 3e6 },
          { id: 'a.out', sizeInBytes: 1e6 },
          { id: 'b.out', sizeInBytes: 500 },
        ],
      },
      execution: {
        makespanInSeconds: 60,
        executedAt: '2024-01-01T00:00:00Z',
        tasks: [
          { id: 'split_ID01', runtimeInSeconds: 10, machines: ['fast'], memoryInBytes: 2e9, priority: 5 },
          { id: 'work_ID02', runtimeInSeconds: 20, machines: ['slow'] },
          { id: 'work_ID03', runtimeInSeconds: 30, machines: ['slow'] },
          { id: 'join_ID04', runtimeInSeconds: 4 },
        ],
        machines: [
          { nodeName: 'fast', cpu: { coreCount: 8, speedInMHz: 3000 }, memoryInBytes: 16e9 },
          { nodeName: 'slow', cpu: { coreCount: 4, speedInMHz: 1000 } },
        ],
      },
    },
  };
}

/** The issues of the ValidationError that `run` throws. */
function issuesOf(run: () => unknown): ValidationIssue[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('importWfFormat, WfFormat 1.5', () => {
  it('converts runtimes to work at the reference speed (the mean over the machines by default)', () => {
    const { workflow, warnings } = importWfFormat(trace());
    // Reference 2000 MHz: fast has speed 1.5, slow 0.5; join ran nowhere known and keeps its runtime.
    expect(workflow.tasks).toEqual([
      { id: 'split_ID01', work: 15, memoryGb: 2, priority: 5 },
      { id: 'work_ID02', name: 'work', work: 10 },
      { id: 'work_ID03', work: 15 },
      { id: 'join_ID04', work: 4 },
    ]);
    expect(warnings).toEqual(['1 task without a machine: work = runtime (as on a machine of the reference speed)']);
    expect(workflow.name).toBe('tiny');
  });

  it('sizes edges by the files the parent writes and the child reads, once per dependency', () => {
    const { workflow } = importWfFormat(trace());
    expect(workflow.edges).toEqual([
      { from: 'split_ID01', to: 'work_ID02', data: 2 },
      { from: 'split_ID01', to: 'work_ID03', data: 5 },
      { from: 'work_ID02', to: 'join_ID04', data: 1 },
      { from: 'work_ID03', to: 'join_ID04', data: 0.0005 },
    ]);
  });

  it('builds the cluster from the machines, on a 1 Gbit/s network', () => {
    const { cluster } = importWfFormat(trace());
    expect(cluster).toEqual({
      name: 'tiny machines',
      processors: [
        { id: 'fast', speed: 1.5, cores: 8, memoryGb: 16 },
        { id: 'slow', speed: 0.5, cores: 4 },
      ],
      network: { bandwidth: 125, latency: 0 },
    });
  });

  it('gives each task its recorded runtime on the machine it ran on', () => {
    const { workflow, cluster } = importWfFormat(trace());
    const { problem } = heftSchedule(workflow, cluster!);
    const costOn = (task: string, machine: string) =>
      problem.cost[problem.taskIndex.get(task)! * problem.processorCount + problem.processorIndex.get(machine)!];
    expect(costOn('split_ID01', 'fast')).toBe(10);
    expect(costOn('work_ID03', 'slow')).toBe(30);
    expect(checkSchedule(workflow, cluster!, heftSchedule(workflow, cluster!).assignments).violations).toEqual([]);
  });

  it('takes text as well as an object', () => {
    expect(importWfFormat(JSON.stringify(trace()))).toEqual(importWfFormat(trace()));
  });

  it('honours dataUnit, referenceSpeedMHz and bandwidth', () => {
    const inKilobytes = importWfFormat(trace(), { dataUnit: 'KB', referenceSpeedMHz: 1000 });
    expect(inKilobytes.workflow.edges[0]!.data).toBe(2000);
    expect(inKilobytes.workflow.tasks[0]!.work).toBe(30);
    expect(inKilobytes.cluster!.processors.map((p) => p.speed)).toEqual([3, 1]);
    expect(inKilobytes.cluster!.network).toEqual({ bandwidth: 125_000, latency: 0 });
    expect(importWfFormat(trace(), { dataUnit: 'B', bandwidth: 10 }).cluster!.network!.bandwidth).toBe(10);
    expect(importWfFormat(trace(), { dataUnit: 'GB' }).workflow.edges[1]!.data).toBe(0.005);
  });

  it('refuses bad options with a RangeError naming the option', () => {
    expect(() => importWfFormat(trace(), { dataUnit: 'TB' as never })).toThrow(new RangeError('dataUnit must be one of B, KB, MB, GB, got "TB"'));
    expect(() => importWfFormat(trace(), { referenceSpeedMHz: 0 })).toThrow(/referenceSpeedMHz must be a finite number > 0/);
    expect(() => importWfFormat(trace(), { bandwidth: -1 })).toThrow(/bandwidth must be a finite number > 0/);
  });

  it('takes a machine without a speed as the reference', () => {
    const t = trace();
    delete (t.workflow.execution.machines[1]!.cpu as Partial<{ speedInMHz: number }>).speedInMHz;
    const { workflow, cluster, warnings } = importWfFormat(t);
    // The reference is now fast's 3000 MHz; slow counts as speed 1.
    expect(cluster!.processors.map((p) => p.speed)).toEqual([1, undefined]);
    expect(workflow.tasks.map((task) => task.work)).toEqual([10, 20, 30, 4]);
    expect(warnings).toContain('1 machine without cpu.speedInMHz: taken as speed 1 (the reference)');
  });

  it('imports a trace without machines as a workflow alone', () => {
    const t = trace();
    delete (t.workflow.execution as Partial<typeof t.workflow.execution>).machines;
    t.workflow.execution.tasks.forEach((task) => delete (task as { machines?: string[] }).machines);
    const { workflow, cluster, warnings } = importWfFormat(t);
    expect(cluster).toBeUndefined();
    expect(workflow.tasks.map((task) => task.work)).toEqual([10, 20, 30, 4]);
    expect(warnings).toContain('the trace lists no machines: no cluster was imported');
  });
});

describe('importWfFormat errors name the JSON path of each fault', () => {
  it.each<[string, (t: ReturnType<typeof trace>) => void, Partial<ValidationIssue>]>([
    [
      'a missing specification',
      (t) => delete (t.workflow as Partial<typeof t.workflow>).specification,
      { path: '$.workflow.specification', message: 'is required: the workflow specification (tasks and files)' },
    ],
    ['a parent that is not a task', (t) => (t.workflow.specification.tasks[1]!.parents = ['nope']), { path: '$.workflow.specification.tasks[1].parents[0]', message: 'unknown task "nope"' }],
    [
      'a runtime that is not a number',
      (t) => ((t.workflow.execution.tasks[1] as Record<string, unknown>)['runtimeInSeconds'] = '20'),
      { path: '$.workflow.execution.tasks[1].runtimeInSeconds', message: 'must be a number, got "20" (task "work_ID02")', taskId: 'work_ID02' },
    ],
    [
      'a negative runtime',
      (t) => (t.workflow.execution.tasks[0]!.runtimeInSeconds = -1),
      { path: '$.workflow.execution.tasks[0].runtimeInSeconds', message: 'must not be negative, got -1 (task "split_ID01")', taskId: 'split_ID01' },
    ],
    [
      'an unknown file id',
      (t) => t.workflow.specification.tasks[2]!.inputFiles.push('ghost.dat'),
      { path: '$.workflow.specification.tasks[2].inputFiles[2]', message: 'unknown file "ghost.dat" (not in $.workflow.specification.files)' },
    ],
    [
      'an unknown machine',
      (t) => (t.workflow.execution.tasks[0]!.machines = ['nowhere']),
      { path: '$.workflow.execution.tasks[0].machines[0]', message: 'unknown machine "nowhere" (not among the trace\'s machines)' },
    ],
    [
      'a task that never ran',
      (t) => t.workflow.execution.tasks.pop(),
      { path: '$.workflow.specification.tasks[3]', message: 'task "join_ID04" has no entry in $.workflow.execution.tasks: its runtime is unknown' },
    ],
    ['a self-dependency', (t) => t.workflow.specification.tasks[0]!.children.push('split_ID01'), { path: '$.workflow.specification.tasks[0].children[2]' }],
    [
      'a duplicate machine',
      (t) => t.workflow.execution.machines.push({ nodeName: 'fast', cpu: { coreCount: 1, speedInMHz: 100 } }),
      { path: '$.workflow.execution.machines[2].nodeName', message: 'duplicate machine "fast"' },
    ],
    [
      'a file size below 0, naming the file',
      (t) => (t.workflow.specification.files[2]!.sizeInBytes = -3),
      { path: '$.workflow.specification.files[2].sizeInBytes', message: 'must not be negative, got -3 (file "b.dat")' },
    ],
    [
      'a machine speed that is not a number, naming the machine',
      (t) => ((t.workflow.execution.machines[1]!.cpu as Record<string, unknown>)['speedInMHz'] = 'fast'),
      { path: '$.workflow.execution.machines[1].cpu.speedInMHz', message: 'must be a number, got "fast" (machine "slow")' },
    ],
    ['an unsupported version', (t) => (t.schemaVersion = '2.0'), { path: '$.schemaVersion', message: 'unsupported WfFormat schemaVersion "2.0" (supported: 1.0 to 1.6)' }],
  ])('%s', (_, breakIt, expected) => {
    const t = trace();
    breakIt(t);
    expect(issuesOf(() => importWfFormat(t))).toEqual([expect.objectContaining({ severity: 'error', ...expected })]);
  });

  it('reports a duplicate task id (and what no longer resolves without the task it hid)', () => {
    const t = trace();
    t.workflow.specification.tasks[1]!.id = 'split_ID01';
    expect(issuesOf(() => importWfFormat(t))).toContainEqual(
      expect.objectContaining({ path: '$.workflow.specification.tasks[1].id', message: 'duplicate task id "split_ID01"' }),
    );
  });

  it('reports every fault at once', () => {
    const t = trace();
    t.workflow.specification.tasks[1]!.parents = ['nope'];
    t.workflow.specification.tasks[2]!.outputFiles = ['ghost.dat'];
    expect(issuesOf(() => importWfFormat(t))).toHaveLength(2);
  });

  it('reports a cycle through the converted workflow', () => {
    const t = trace();
    t.workflow.specification.tasks[0]!.parents = ['join_ID04'];
    expect(() => importWfFormat(t)).toThrow(/invalid workflow imported from WfFormat: \$\.edges: the workflow has a cycle/);
  });

  it('reports JSON syntax errors with their line and column', () => {
    expect(issuesOf(() => importWfFormat('{\n  "schemaVersion": "1.5",\n  "workflow": {]\n}'))[0]!.path).toBe('line 3, column 16');
  });

  it('refuses what is not a trace', () => {
    expect(issuesOf(() => importWfFormat([]))[0]).toMatchObject({ path: '$' });
    expect(issuesOf(() => importWfFormat({ schemaVersion: '1.5' }))[0]).toMatchObject({ path: '$.workflow' });
  });
});

describe('importWfFormat, the 1.0-1.4 task-list layout', () => {
  const legacy = {
    name: 'legacy',
    schemaVersion: '1.4',
    workflow: {
      makespanInSeconds: 20,
      executedAt: '2020-11-20T09:34:16-08:00',
      machines: [
        { nodeName: 'n1', cpu: { count: 4, speed: 2000 }, memoryInBytes: 8e9 },
        { nodeName: 'n2', cpu: { count: 2, speed: 1000 } },
      ],
      tasks: [
        { name: 'a_ID1', id: 'ID1', type: 'compute', runtimeInSeconds: 10, parents: [], machine: 'n1', files: [{ link: 'output', name: 'x', sizeInBytes: 1e6 }] },
        {
          name: 'b_ID2',
          id: 'ID2',
          runtimeInSeconds: 6,
          parents: ['a_ID1'],
          machine: 'n2',
          files: [
            { link: 'input', name: 'x', sizeInBytes: 1e6 },
            { link: 'output', name: 'y', sizeInBytes: 10 },
          ],
        },
        // 1.3-era names (runtime, size), and a parent given by its old id.
        { name: 'c_ID3', id: 'ID3', runtime: 3, parents: ['ID2'], files: [{ link: 'input', name: 'y', size: 10 }] },
      ],
    },
  };

  it('reads tasks by name, files with their sizes, machines with cpu.count and cpu.speed', () => {
    const { workflow, cluster } = importWfFormat(legacy);
    expect(workflow.tasks).toEqual([
      { id: 'a_ID1', work: 13.33333 },
      { id: 'b_ID2', work: 4.000002 },
      { id: 'c_ID3', work: 3 },
    ]);
    expect(workflow.edges).toEqual([
      { from: 'a_ID1', to: 'b_ID2', data: 1 },
      { from: 'b_ID2', to: 'c_ID3', data: 0.00001 },
    ]);
    expect(cluster!.processors).toEqual([
      { id: 'n1', speed: 1.333333, cores: 4, memoryGb: 8 },
      { id: 'n2', speed: 0.666667, cores: 2 },
    ]);
  });

  it('reads the `jobs` list of WorkflowHub 1.0-1.2', () => {
    const { tasks, ...workflow } = legacy.workflow;
    const { workflow: imported } = importWfFormat({ ...legacy, schemaVersion: '1.2', workflow: { ...workflow, jobs: tasks } });
    expect(imported.tasks.map((t) => t.id)).toEqual(['a_ID1', 'b_ID2', 'c_ID3']);
  });

  it('names the legacy paths in errors', () => {
    const broken = structuredClone(legacy);
    broken.workflow.tasks[2]!.parents = ['zz'];
    expect(issuesOf(() => importWfFormat(broken))).toEqual([
      expect.objectContaining({ path: '$.workflow.tasks[2].parents[0]', message: 'unknown task "zz"' }),
    ]);
  });
});
