import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSchedule, type Assignment, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperExample, repoRoot, traces } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

interface ScheduleOutput {
  scheduler: string;
  makespan: number;
  metrics: { slr: number; speedup: number; efficiency: number; averageTurnaround: number; utilisation: Record<string, number> };
  assignments: Assignment[];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hetsched-cli-'));
});

function writeJson(name: string, value: unknown): string {
  const file = join(work, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** One clear line on stderr, no stack trace. */
function expectOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('hetsched schedulers (the plugin catalog, found as the server finds it)', () => {
  interface Listed {
    name: string;
    version: string;
    packageName: string;
    capabilities: { progress: boolean; cancellable: boolean; deterministic: boolean };
    optionsSchema: { properties: Record<string, { default?: unknown; minimum?: number; maximum?: number }> };
    training?: { artifactKind: string };
  }

  it('lists every installed scheduler with its package, capabilities, options and training', () => {
    const result = runCli(['schedulers', '--json']);
    expect(result.status).toBe(0);
    const { schedulers, rejected } = JSON.parse(result.stdout) as { schedulers: Listed[]; rejected: unknown[] };
    expect(rejected).toEqual([]);
    const names = schedulers.map((s) => s.name);
    // Every workspace lib that declares a scheduler: the CLI keeps no list of its own.
    const declared = readdirSync(`${repoRoot}libs/schedulers`).filter((dir) => {
      const manifest = readJson<{ hetsched?: { scheduler?: string } }>(`${repoRoot}libs/schedulers/${dir}/package.json`);
      return manifest.hetsched?.scheduler !== undefined;
    });
    expect(names.length).toBe(declared.length);
    expect(names).toEqual(expect.arrayContaining(['heft', 'hybrid-ga', 'deepsched', 'exact']));
    const ga = schedulers.find((s) => s.name === 'hybrid-ga')!;
    expect(ga).toMatchObject({ packageName: '@hetsched/scheduler-hybrid-ga', capabilities: { progress: true, cancellable: true } });
    expect(ga.optionsSchema.properties['seed']).toMatchObject({ default: 1, minimum: 0 });
    expect(schedulers.find((s) => s.name === 'deepsched')!.training?.artifactKind).toBe('deepsched-model');
    expect(schedulers.find((s) => s.name === 'heft')!.training).toBeUndefined();

    const text = runCli(['schedulers']);
    expect(text.stdout).toMatch(/^hybrid-ga \S+ {2}Hybrid genetic algorithm/m);
    expect(text.stdout).toMatch(/^ {4}package @hetsched\/scheduler-hybrid-ga; capabilities: progress, cancellable, deterministic$/m);
    expect(text.stdout).toMatch(/^ {6}seed: integer \(default 1, 0\.\.4294967295\) {2}Random seed/m);
  });

  it('runs any installed scheduler with its options, progress on stderr for one that reports it', () => {
    const args = ['schedule', '-w', `${paperExample}workflow.json`, '-c', `${paperExample}cluster.json`, '--compact'];
    const ga = runCli([...args, '--scheduler', 'hybrid-ga', '--options', '{"timeBudgetMs": 1500, "seed": 3}']);
    expect(ga.status).toBe(0);
    expect(JSON.parse(ga.stdout)).toMatchObject({ scheduler: 'hybrid-ga' });
    expect(ga.stderr).toMatch(/^hybrid-ga +\d+% +.*generation/m);
    for (const name of ['cpop', 'peft', 'minmin']) {
      const run = runCli([...args, '--scheduler', name]);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ scheduler: name });
    }
  });
});

describe('hetsched schedule', () => {
  it('schedules the HEFT paper example exactly as published, with a Gantt chart', () => {
    const gantt = join(work, 'paper.svg');
    const result = runCli(['schedule', '--workflow', `${paperExample}workflow.json`, '--cluster', `${paperExample}cluster.json`, '--gantt', gantt]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as ScheduleOutput;
    const expected = readJson<{ makespan: number; assignments: Assignment[]; metrics: Record<string, number> }>(`${paperExample}expected-heft.json`);
    expect(output.scheduler).toBe('heft');
    expect(output.makespan).toBe(expected.makespan);
    const byTask = (list: Assignment[]) => [...list].sort((a, b) => a.task.localeCompare(b.task));
    expect(byTask(output.assignments)).toEqual(byTask(expected.assignments));
    expect(output.metrics.slr).toBeCloseTo(expected.metrics['slr']!, 12);
    expect(output.metrics.speedup).toBeCloseTo(expected.metrics['speedup']!, 12);
    expect(output.metrics.efficiency).toBeCloseTo(expected.metrics['efficiency']!, 12);
    expect(Object.keys(output.metrics.utilisation)).toEqual(['p1', 'p2', 'p3']);
    const svg = readFileSync(gantt, 'utf8');
    expect(svg).toMatch(/^<svg|^<\?xml/);
    for (const task of expected.assignments) expect(svg).toContain(`>${task.task}<`);
  });

  it('writes to --output and prints compact JSON on request', () => {
    const out = join(work, 'nested', 'schedule.json');
    const result = runCli(['schedule', '-w', `${paperExample}workflow.json`, '-c', `${paperExample}cluster.json`, '-o', out, '--compact']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect((JSON.parse(text) as ScheduleOutput).makespan).toBe(80);
  });

  it('names the file and the task on invalid input, exits 1, and prints no stack trace', () => {
    const workflow = readJson<WorkflowSpec>(`${paperExample}workflow.json`);
    workflow.edges.push({ from: 'n10', to: 'n99', data: 1 });
    const file = writeJson('unknown-edge.json', workflow);
    const result = runCli(['schedule', '-w', file, '-c', `${paperExample}cluster.json`]);
    expect(result.status).toBe(1);
    expectOneLineError(result.stderr, new RegExp(`^hetsched: error: ${escape(file)}: \\$\\.edges\\[15\\]\\.to: edge to unknown task "n99"$`));
    expect(result.stdout).toBe('');
  });

  it('shows the stack trace only with --debug', () => {
    const file = writeJson('cyclic.json', { tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }] });
    const plain = runCli(['schedule', '-w', file, '-c', `${paperExample}cluster.json`]);
    expectOneLineError(plain.stderr, /cycle: "a" -> "b" -> "a"|cycle: "b" -> "a" -> "b"/);
    const debug = runCli(['--debug', 'schedule', '-w', file, '-c', `${paperExample}cluster.json`]);
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('reports a missing task cost against the cluster, naming task and processor', () => {
    const file = writeJson('no-cost.json', { tasks: [{ id: 'a', costs: { p1: 3, p2: 4 } }], edges: [] });
    const result = runCli(['schedule', '-w', file, '-c', `${paperExample}cluster.json`]);
    expect(result.status).toBe(1);
    expectOneLineError(result.stderr, /no-cost\.json: \$\.tasks\[0\]\.costs: task "a" has no cost for processor "p3" and no "work"/);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const file = join(work, 'broken.json');
    writeFileSync(file, '{\n  "tasks": [\n    {"id": "a", "work": 1,}\n  ],\n  "edges": []\n}\n');
    const result = runCli(['schedule', '-w', file, '-c', `${paperExample}cluster.json`]);
    expect(result.status).toBe(1);
    expectOneLineError(result.stderr, /broken\.json: .*line 3/);
  });

  it('says which file is missing', () => {
    const result = runCli(['schedule', '-w', join(work, 'nope.json'), '-c', `${paperExample}cluster.json`]);
    expect(result.status).toBe(1);
    expectOneLineError(result.stderr, /nope\.json: no such file/);
  });

  it('refuses an unknown scheduler or bad options as usage errors (exit 2)', () => {
    const args = ['schedule', '-w', `${paperExample}workflow.json`, '-c', `${paperExample}cluster.json`];
    const unknown = runCli([...args, '--scheduler', 'magic']);
    expect(unknown.status).toBe(2);
    expectOneLineError(unknown.stderr, /unknown scheduler "magic"; available: (\S+, )*deepsched, (\S+, )*heft, hybrid-ga(, \S+)*$/);
    const missing = runCli(['schedule', '-c', `${paperExample}cluster.json`]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--workflow/);
    const badOptions = runCli([...args, '--options', '{"population": 10}']);
    expect(badOptions.status).toBe(1);
    expectOneLineError(badOptions.stderr, /options\.population: unknown option/);
  });
});

describe('hetsched validate', () => {
  it('accepts a valid workflow and cluster', () => {
    const result = runCli(['validate', '-w', `${paperExample}workflow.json`, '-c', `${paperExample}cluster.json`]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/valid workflow \(10 tasks, 15 edges\)/);
    expect(result.stdout).toMatch(/valid cluster \(3 processors\)/);
  });

  it('lists every problem, one line each, and exits 1', () => {
    const file = writeJson('many-problems.json', {
      tasks: [{ id: 'a', work: -1 }, { id: 'a', work: 2 }, { id: 'c' }],
      edges: [{ from: 'a', to: 'a' }, { from: 'a', to: 'zz' }],
    });
    const result = runCli(['validate', '-w', file]);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\$\.tasks\[0\]\.work: must not be negative, got -1/),
        expect.stringMatching(/\$\.tasks\[1\]\.id: duplicate task id "a"/),
        expect.stringMatching(/\$\.tasks\[2\]: task "c" has neither "work" nor "costs"/),
        expect.stringMatching(/\$\.edges\[0\]: self-loop on task "a"/),
        expect.stringMatching(/\$\.edges\[1\]\.to: edge to unknown task "zz"/),
        expect.stringMatching(/errors? found$/),
      ]),
    );
    for (const line of lines.slice(0, -1)) expect(line.startsWith(`${file}: `)).toBe(true);
  });

  it('checks a cluster on its own', () => {
    const file = writeJson('bad-cluster.json', { processors: [{ id: 'p1', speed: 0 }], network: { bandwidth: -2 } });
    const result = runCli(['validate', '-c', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\$\.processors\[0\]\.speed: must be greater than 0, got 0/);
    expect(result.stderr).toMatch(/\$\.network\.bandwidth: must be greater than 0, got -2/);
  });
});

describe('hetsched generate', () => {
  it('is reproducible from a seed and the result schedules validly', () => {
    const args = ['generate', 'workflow', '--tasks', '200', '--processors', '8', '--ccr', '5', '--seed', '42'];
    const first = runCli(args);
    const second = runCli(args);
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(runCli([...args.slice(0, -1), '43']).stdout).not.toBe(first.stdout);
    const workflowFile = join(work, 'gen-workflow.json');
    writeFileSync(workflowFile, first.stdout);
    const clusterFile = join(work, 'gen-cluster.json');
    expect(runCli(['generate', 'cluster', '--processors', '8', '--speed', '1,4', '--seed', '3', '-o', clusterFile]).status).toBe(0);
    const workflow = readJson<WorkflowSpec>(workflowFile);
    expect(workflow.tasks).toHaveLength(200);
    const scheduled = runCli(['schedule', '-w', workflowFile, '-c', clusterFile]);
    expect(scheduled.status).toBe(0);
    const output = JSON.parse(scheduled.stdout) as ScheduleOutput;
    expect(checkSchedule(workflow, readJson<ClusterSpec>(clusterFile), output.assignments).violations).toEqual([]);
  });

  it('rejects nonsense parameters as usage errors', () => {
    const result = runCli(['generate', 'workflow', '--tasks', 'ten', '--processors', '4']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/"ten" is not a positive integer/);
  });
});

describe('hetsched convert and the real traces', () => {
  const wfformatTraces = readdirSync(traces).filter((f) => f.endsWith('.json'));
  const daxTraces = readdirSync(`${traces}dax`).filter((f) => f.endsWith('.xml'));

  it('finds the shared traces', () => {
    expect(wfformatTraces.length).toBeGreaterThanOrEqual(5);
    expect(daxTraces.length).toBeGreaterThanOrEqual(2);
  });

  it.each(wfformatTraces)('converts and schedules the WfFormat trace %s validly', (name) => {
    const workflowFile = join(work, `${name}.native.json`);
    const clusterFile = join(work, `${name}.cluster.json`);
    const converted = runCli(['convert', '--from', 'wfformat', '-i', `${traces}${name}`, '-o', workflowFile, '--cluster-output', clusterFile]);
    expect(converted.status).toBe(0);
    const scheduled = runCli(['schedule', '-w', workflowFile, '-c', clusterFile, '--compact']);
    expect(scheduled.stderr).toBe('');
    expect(scheduled.status).toBe(0);
    const output = JSON.parse(scheduled.stdout) as ScheduleOutput;
    const workflow = readJson<WorkflowSpec>(workflowFile);
    expect(checkSchedule(workflow, readJson<ClusterSpec>(clusterFile), output.assignments).violations).toEqual([]);
    // Scheduling the trace directly (format detected, cluster from its machines) gives the same schedule.
    const direct = runCli(['schedule', '-w', `${traces}${name}`, '--compact']);
    expect(direct.status).toBe(0);
    expect((JSON.parse(direct.stdout) as ScheduleOutput).makespan).toBe(output.makespan);
  });

  it.each(daxTraces)('converts and schedules the Pegasus DAX %s validly', (name) => {
    const workflowFile = join(work, `${name}.native.json`);
    const converted = runCli(['convert', '--from', 'dax', '-i', `${traces}dax/${name}`, '-o', workflowFile]);
    expect(converted.status).toBe(0);
    const clusterFile = join(work, 'dax-cluster.json');
    runCli(['generate', 'cluster', '--processors', '8', '--speed', '1,3', '--bandwidth', '100', '--seed', '1', '-o', clusterFile]);
    const scheduled = runCli(['schedule', '-w', workflowFile, '-c', clusterFile, '--compact']);
    expect(scheduled.status).toBe(0);
    const output = JSON.parse(scheduled.stdout) as ScheduleOutput;
    expect(checkSchedule(readJson<WorkflowSpec>(workflowFile), readJson<ClusterSpec>(clusterFile), output.assignments).violations).toEqual([]);
  });
});

describe('the installed command', () => {
  it('is on the workspace PATH as `hetsched` (what `npx hetsched` runs)', () => {
    const bin = readFileSync(join(repoRoot, 'node_modules/.bin/hetsched'), 'utf8');
    expect(bin).toContain('dist/main.js');
    const result = runCli(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
