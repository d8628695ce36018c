import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCluster, validateProblem, validateWorkflow, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

interface Outcome {
  target: string;
  baseline: string;
  ratio: number;
  targetMakespan: number;
  baselineMakespan: number;
  iterations: number;
  stoppedBy: string;
  tasks: number;
  processors: number;
  files: { workflow: string; cluster: string };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
/** exact proves the optimum of these small instances long before the node limit: the same result under any load. */
const EXACT = JSON.stringify({ nodeLimit: 2_000_000, timeLimitMs: 120_000 });
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hetsched-hard-instance-'));
});

describe('hetsched hard-instance', () => {
  it('finds an instance on which HEFT is over 20% longer than exact\'s optimum, writes it, and the files schedule to those makespans', () => {
    const out = join(work, 'heft-exact');
    const args = ['--target', 'heft', '--baseline', 'exact', '--iterations', '300', '--max-tasks', '8', '--max-processors', '4', '--seed', '1'];
    const started = performance.now();
    const result = runCli(['hard-instance', ...args, '--baseline-options', EXACT, '-o', out, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout) as Outcome;
    console.info(`CLI: HEFT vs exact ratio ${outcome.ratio} (${outcome.targetMakespan} / ${outcome.baselineMakespan}) in ${Math.round(performance.now() - started)} ms with the process start`);
    expect(outcome).toMatchObject({ target: 'heft', baseline: 'exact', iterations: 300, stoppedBy: 'iterations', files: { workflow: join(out, 'workflow.json'), cluster: join(out, 'cluster.json') } });
    expect(outcome.ratio).toBeGreaterThan(1.2);
    expect(outcome.ratio).toBe(outcome.targetMakespan / outcome.baselineMakespan);
    // Progress on stderr (off a terminal: the first report at once, then one every few seconds).
    expect(result.stderr).toMatch(/^heft vs exact +\d+% {2}iteration \d+\/300, temperature/m);

    const workflow = readJson<WorkflowSpec>(outcome.files.workflow);
    const cluster = readJson<ClusterSpec>(outcome.files.cluster);
    expect([...validateWorkflow(workflow), ...validateCluster(cluster), ...validateProblem(workflow, cluster)].filter((i) => i.severity === 'error')).toEqual([]);
    expect([workflow.tasks.length, cluster.processors.length]).toEqual([outcome.tasks, outcome.processors]);
    const files = ['-w', outcome.files.workflow, '-c', outcome.files.cluster, '--compact'];
    const heft = runCli(['schedule', ...files, '-s', 'heft']);
    const exact = runCli(['schedule', ...files, '-s', 'exact', '--options', EXACT]);
    expect((JSON.parse(heft.stdout) as { makespan: number }).makespan).toBe(outcome.targetMakespan);
    expect(JSON.parse(exact.stdout)).toMatchObject({ makespan: outcome.baselineMakespan, info: { optimal: true } });

    // Without --json: the same search (same seed), said in words.
    const words = runCli(['hard-instance', ...args, '--baseline-options', EXACT, '-o', join(work, 'again')]);
    expect(words.stdout.split('\n')[0]).toBe(`ratio ${outcome.ratio.toPrecision(6)}: heft ${outcome.targetMakespan.toPrecision(6)} against exact ${outcome.baselineMakespan.toPrecision(6)}`);
    expect(readJson(join(work, 'again', 'workflow.json'))).toEqual(workflow);
  }, 120_000);

  it('refuses out-of-bounds settings and unknown schedulers with one line naming the flag (exit 2), writing nothing', () => {
    const out = join(work, 'refused');
    const tasks = runCli(['hard-instance', '--target', 'heft', '--baseline', 'exact', '--max-tasks', '50', '-o', out]);
    expect(tasks.status).toBe(2);
    expect(tasks.stderr.trim()).toBe('hetsched: error: --max-tasks: must be between 2 and 20, got 50');
    const typo = runCli(['hard-instance', '--target', 'heft', '--baseline', 'exact', '--baseline-options', '{"nodeLimits": 1}', '-o', out]);
    expect(typo.status).toBe(2);
    expect(typo.stderr.trim()).toMatch(/^hetsched: error: --baseline-options nodeLimits: unknown option/);
    const unknown = runCli(['hard-instance', '--target', 'nope', '--baseline', 'exact', '-o', out]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown scheduler "nope"/);
    expect(existsSync(out)).toBe(false);
  });

  it('keeps the best instance so far on Ctrl-C (exit 130)', async () => {
    const out = join(work, 'interrupted');
    const child = spawn(process.execPath, [`${repoRoot}apps/cli/bin/hetsched.js`, 'hard-instance', '--target', 'heft', '--baseline', 'exact', '--iterations', '10000', '--baseline-options', EXACT, '-o', out, '--json'], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // The first progress line means the search is under way: interrupt it then.
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/iteration \d+\/10000/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(status, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted: stopping and keeping the best result so far/);
    const outcome = JSON.parse(stdout) as Outcome;
    expect(outcome.stoppedBy).toBe('signal');
    expect(outcome.iterations).toBeLessThan(10_000);
    expect(readJson<WorkflowSpec>(outcome.files.workflow).tasks).toHaveLength(outcome.tasks);
  }, 120_000);
});
