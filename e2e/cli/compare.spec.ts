import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSchedule, type Assignment, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperExample } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

interface Row {
  rank: number | null;
  scheduler: string;
  status: string;
  makespan: number | null;
  slr: number | null;
  speedup: number | null;
  efficiency: number | null;
  timeMs: number | null;
  error?: string;
  options?: Record<string, unknown>;
  assignments?: Assignment[];
  info?: Record<string, unknown>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const workflow = readJson<WorkflowSpec>(`${paperExample}workflow.json`);
const cluster = readJson<ClusterSpec>(`${paperExample}cluster.json`);
const paper = ['-w', `${paperExample}workflow.json`, '-c', `${paperExample}cluster.json`];
/** Short searches for the anytime schedulers: the paper's 10 tasks need far less (exact proves its optimum in well under a second). */
const BUDGET = '500';

/** The longest path with every task at its cheapest cost and no communication (CP_MIN of the SLR), computed naively. */
function criticalPathAtMinimumCost(): number {
  const cheapest = new Map(workflow.tasks.map((t) => [t.id, Math.min(...Object.values(t.costs!))]));
  const memo = new Map<string, number>();
  const longestFrom = (id: string): number => {
    if (!memo.has(id)) {
      const next = workflow.edges.filter((e) => e.from === id).map((e) => longestFrom(e.to));
      memo.set(id, cheapest.get(id)! + Math.max(0, ...next));
    }
    return memo.get(id)!;
  };
  return Math.max(...workflow.tasks.map((t) => longestFrom(t.id)));
}

/** The best time of the whole workflow on one processor (the speedup's numerator). */
function bestSequentialTime(): number {
  return Math.min(...cluster.processors.map((p) => workflow.tasks.reduce((sum, t) => sum + t.costs![p.id]!, 0)));
}

let work: string;
let rows: Row[];
let installed: string[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hetsched-compare-'));
  installed = (JSON.parse(runCli(['schedulers', '--json']).stdout) as { schedulers: { name: string }[] }).schedulers.map((s) => s.name);
  const result = runCli(['compare', ...paper, '--json', '--budget-ms', BUDGET, '--gantt-dir', join(work, 'gantt')]);
  expect(result.status, result.stderr).toBe(0);
  rows = (JSON.parse(result.stdout) as { ranking: Row[] }).ranking;
}, 180_000);

describe('hetsched compare (every installed scheduler on the HEFT paper example)', () => {
  it('runs every installed scheduler once; each schedule passes the independent checker', () => {
    expect(rows.map((r) => r.scheduler).sort()).toEqual([...installed].sort());
    for (const row of rows) {
      expect(row.status, `${row.scheduler}: ${row.error}`).toBe('succeeded');
      const check = checkSchedule(workflow, cluster, row.assignments!);
      expect(check.violations, row.scheduler).toEqual([]);
      expect(row.makespan).toBe(Math.max(...row.assignments!.map((a) => a.finish)));
    }
  });

  it('gives the published figures: HEFT 80 (the paper, fig. 4a), exact 73 (the proven optimum) — and nothing below 73', () => {
    const by = (name: string) => rows.find((r) => r.scheduler === name)!;
    expect(by('heft').makespan).toBe(80);
    expect(by('exact')).toMatchObject({ makespan: 73, rank: 1, info: { optimal: true } });
    for (const row of rows) expect(row.makespan!).toBeGreaterThanOrEqual(73);
  });

  it('ranks by makespan (ties share a rank, in name order) with SLR, speedup and efficiency computed from the schedule', () => {
    const cpMin = criticalPathAtMinimumCost();
    const sequential = bestSequentialTime();
    rows.forEach((row, i) => {
      expect(row.rank).toBe(1 + rows.filter((other) => other.makespan! < row.makespan!).length);
      if (i > 0) {
        const before = rows[i - 1]!;
        expect(before.makespan! < row.makespan! || (before.makespan === row.makespan && before.scheduler < row.scheduler)).toBe(true);
      }
      expect(row.slr).toBeCloseTo(row.makespan! / cpMin, 12);
      expect(row.speedup).toBeCloseTo(sequential / row.makespan!, 12);
      expect(row.efficiency).toBeCloseTo(sequential / row.makespan! / cluster.processors.length, 12);
      expect(row.timeMs).toBeGreaterThanOrEqual(0);
    });
  });

  it('gives the time budget to the schedulers whose options have one, by the option\'s name', () => {
    const by = (name: string) => rows.find((r) => r.scheduler === name)!;
    expect(by('hybrid-ga').options).toMatchObject({ timeBudgetMs: Number(BUDGET) });
    expect(by('exact').options).toMatchObject({ timeLimitMs: Number(BUDGET) });
    expect(by('heft').options).toEqual({});
  });

  it('writes one Gantt chart per scheduler', () => {
    const charts = readdirSync(join(work, 'gantt')).sort();
    expect(charts).toEqual(rows.map((r) => `${r.scheduler}.svg`).sort());
    const heft = readFileSync(join(work, 'gantt', 'heft.svg'), 'utf8');
    expect(heft).toMatch(/^<svg|^<\?xml/);
    for (const task of workflow.tasks) expect(heft).toContain(`>${task.id}<`);
  });
});

describe('hetsched compare, a few schedulers', () => {
  it('prints the ranking as a table; a scheduler that fails is a row with its error, not a crash', () => {
    const result = runCli(['compare', ...paper, '--schedulers', 'heft,exact,cpop', '--options', 'exact={"timeLimitMs": 0}', '--options', 'cpop={}']);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('10 tasks on 3 processors');
    expect(lines[1]).toMatch(/^rank +scheduler +makespan +SLR +speedup +efficiency +time ms$/);
    // heft 80 (SLR 80 / CP_MIN), then cpop 86 (the paper's CPOP schedule, fig. 4b), then exact with no schedule.
    expect(lines[2]).toMatch(new RegExp(`^ +1 +heft +80 +${(80 / criticalPathAtMinimumCost()).toFixed(4)} `));
    expect(lines[3]).toMatch(/^ +2 +cpop +86 /);
    expect(lines[4]).toMatch(/^ +- +exact +- +- +- +- +[\d.]+ +failed: options\.timeLimitMs: must be between 1 and 3600000, got 0$/);
  });

  it('skips a scheduler whose maxProcessors is below the cluster size, with the reason', () => {
    const clusterFile = join(work, 'cluster-33.json');
    const workflowFile = join(work, 'workflow-12.json');
    expect(runCli(['generate', 'cluster', '--processors', '33', '--seed', '1', '-o', clusterFile]).status).toBe(0);
    expect(runCli(['generate', 'workflow', '--tasks', '12', '--cluster', clusterFile, '--seed', '1', '-o', workflowFile]).status).toBe(0);
    const result = runCli(['compare', '-w', workflowFile, '-c', clusterFile, '--schedulers', 'deepsched,heft', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const ranking = (JSON.parse(result.stdout) as { ranking: Row[] }).ranking;
    expect(ranking.map((r) => [r.scheduler, r.status, r.rank])).toEqual([
      ['heft', 'succeeded', 1],
      ['deepsched', 'skipped', null],
    ]);
    expect(ranking[1]!.error).toBe('handles at most 32 processors, the cluster has 33');
  });

  it('refuses an unknown scheduler and options for one not compared (exit 2)', () => {
    const unknown = runCli(['compare', ...paper, '--schedulers', 'heft,nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^hetsched: error: unknown scheduler "nope"; available: /);
    const stray = runCli(['compare', ...paper, '--schedulers', 'heft', '--options', 'cpop={}']);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toMatch(/--options: "cpop" is not among --schedulers/);
  });
});
