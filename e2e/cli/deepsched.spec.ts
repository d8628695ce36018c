import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSchedule, type Assignment, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, traces } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

// Tiny sizes throughout: a few seconds per command on a shared 2-core machine.
const TINY_NET = '{"gruUnits":8,"hidden":8,"fusion":8}';
let work: string;
let dataset: string;
let modelDir: string;

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hetsched-deepsched-'));
  dataset = join(work, 'ds');
  modelDir = join(work, 'model');
});

describe('hetsched deepsched', () => {
  it('dataset: writes shards and a manifest, byte-identical for the same seed, one progress line per tenth off a terminal', () => {
    const args = ['deepsched', 'dataset', '--seed', '5', '--count', '30', '--sizes', '8,16', '--processors', '2,3', '--ccr', '0.5,2', '--shard-size', '12'];
    const result = runCli([...args, '--out', dataset]);
    expect(result.stderr).toMatch(/^dataset: 3\/30 examples$/m);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/30 examples \(30 generated, 0 from traces; \d+ tasks\) in 3 shards/);
    expect(readdirSync(dataset).sort()).toEqual(['manifest.json', 'shard-00000.jsonl.gz', 'shard-00001.jsonl.gz', 'shard-00002.jsonl.gz']);

    const again = join(work, 'ds-again');
    expect(runCli([...args, '--out', again]).status).toBe(0);
    for (const file of readdirSync(dataset)) expect(readFileSync(join(again, file))).toEqual(readFileSync(join(dataset, file)));
  });

  it('dataset: takes the real traces, each on the requested generated clusters', () => {
    const out = join(work, 'ds-traces');
    const result = runCli(['deepsched', 'dataset', '--out', out, '--count', '0', '--traces', `${traces}dax`, '--trace-processors', '3', '--json']);
    expect(result.status).toBe(0);
    const manifest = JSON.parse(result.stdout) as { counts: { traces: number; examples: number } };
    expect(manifest.counts).toMatchObject({ examples: 2, traces: 2 });
  });

  it('train: writes checkpoints, best.dsm and training.json, one line per epoch off a terminal', () => {
    const result = runCli(['deepsched', 'train', '--dataset', dataset, '--out', modelDir, '--epochs', '2', '--batch-size', '8', '--config', TINY_NET]);
    expect(result.stderr).toMatch(/^backend: \w+/m);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^epoch 1\/2 {2}train loss \d+\.\d+ {2}val loss \d+\.\d+ {2}val acc \d+\.\d%/m);
    expect(result.stderr).toMatch(/^epoch 2\/2 /m);
    expect(result.stderr).not.toContain('\r');
    const summary = JSON.parse(result.stdout) as { model: string; stoppedBy: string; bestEpoch: number };
    expect(summary.stoppedBy).toBe('epochs');
    expect(existsSync(join(modelDir, 'best.dsm'))).toBe(true);
    expect(existsSync(join(modelDir, 'checkpoint-epoch-001.dsm'))).toBe(true);
    const report = readJson<{ status: string; epochs: unknown[]; split: { train: number; validation: number }; model: { version: string } }>(join(modelDir, 'training.json'));
    expect(report).toMatchObject({ status: 'finished', split: { train: 27, validation: 3 }, model: { version: summary.model } });
    expect(report.epochs).toHaveLength(2);
    expect(readdirSync(modelDir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('train: Ctrl-C stops after the current batch and keeps the best checkpoint', async () => {
    const out = join(work, 'model-interrupted');
    const child = spawn(
      process.execPath,
      [`${repoRoot}apps/cli/bin/hetsched.js`, 'deepsched', 'train', '--dataset', dataset, '--out', out, '--epochs', '500', '--patience', '500', '--batch-size', '4', '--config', TINY_NET],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Interrupt once the first epoch is done, so a best checkpoint exists.
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/^epoch 1\/500 /m.test(stderr)) resolve();
      }),
    );
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(stderr).toContain('interrupted: stopping after the current batch');
    expect(status).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({ stoppedBy: 'abort' });
    expect(readJson<{ status: string; stoppedBy: string }>(join(out, 'training.json'))).toMatchObject({ status: 'finished', stoppedBy: 'abort' });
    expect(runCli(['deepsched', 'info', '--model', join(out, 'best.dsm')]).status).toBe(0);
  });

  it('evaluate and info: the trained model against its dataset', () => {
    const result = runCli(['deepsched', 'evaluate', '--model', join(modelDir, 'best.dsm'), '--dataset', dataset, '--json']);
    expect(result.status).toBe(0);
    const evaluation = JSON.parse(result.stdout) as { summary: { examples: number; processorAccuracy: number; meanMakespanRatio: number; worstMakespanRatio: number } };
    expect(evaluation.summary.examples).toBe(30);
    expect(evaluation.summary.processorAccuracy).toBeGreaterThan(0);
    expect(evaluation.summary.meanMakespanRatio).toBeGreaterThan(0.5);
    expect(evaluation.summary.worstMakespanRatio).toBeGreaterThanOrEqual(evaluation.summary.meanMakespanRatio);

    const info = runCli(['deepsched', 'info', '--model', join(modelDir, 'best.dsm')]);
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ config: { gruUnits: 8 }, training: { trainExamples: 27, validationExamples: 3 } });
  });

  it('train --scheduler deepsched (the generic training, as a worker runs it): the best model in --out, usable with schedule --model', () => {
    const out = join(work, 'generic.dsm');
    const parameters = { dataset: { seed: 2, count: 8, taskCounts: [6, 10], ccrs: [1], heterogeneities: [0.5], processorCounts: [2, 3] }, epochs: 2, batchSize: 4, validationFraction: 0.25, name: 'from the cli' };
    const result = runCli(['train', '--scheduler', 'deepsched', '--parameters', JSON.stringify(parameters), '--out', out, '--compact']);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { scheduler: string; model: { id: string; name: string }; info: { epochsRun: number } };
    expect(summary).toMatchObject({ scheduler: 'deepsched', model: { name: 'from the cli' }, info: { epochsRun: 2 } });
    expect(result.stderr).toMatch(/^train deepsched +\d+% +epoch 2\/2/m);
    const info = runCli(['deepsched', 'info', '--model', out]);
    expect((JSON.parse(info.stdout) as { version: string }).version).toBe(summary.model.id);

    expect(runCli(['train', '--scheduler', 'heft', '--out', join(work, 'x')]).stderr).toMatch(/--scheduler: scheduler "heft" does not learn/);
    const bad = runCli(['train', '--scheduler', 'deepsched', '--parameters', '{"epochs": 0}', '--out', join(work, 'x')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--parameters\.epochs: must be between 1 and 200, got 0/);
  });

  it('schedule --scheduler deepsched --model FILE: a valid schedule from the trained model', () => {
    const workflowFile = join(work, 'w.json');
    const clusterFile = join(work, 'c.json');
    expect(runCli(['generate', 'workflow', '-n', '12', '-p', '3', '--seed', '9', '-o', workflowFile]).status).toBe(0);
    expect(runCli(['generate', 'cluster', '-p', '3', '-o', clusterFile]).status).toBe(0);
    const result = runCli(['schedule', '-w', workflowFile, '-c', clusterFile, '--scheduler', 'deepsched', '--model', join(modelDir, 'best.dsm')]);
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as { scheduler: string; assignments: Assignment[]; info: { modelVersion: string } };
    expect(output.scheduler).toBe('deepsched');
    const version = (readJson<{ model: { version: string } }>(join(modelDir, 'training.json'))).model.version;
    expect(output.info.modelVersion).toBe(version);
    const check = checkSchedule(readJson<WorkflowSpec>(workflowFile), readJson<ClusterSpec>(clusterFile), output.assignments);
    expect(check.valid).toBe(true);
  });

  it('names the file or flag at fault, in one line', () => {
    const damaged = join(work, 'ds-damaged');
    expect(runCli(['deepsched', 'dataset', '--out', damaged, '--count', '3', '--sizes', '5', '--processors', '2']).status).toBe(0);
    const shard = join(damaged, 'shard-00000.jsonl.gz');
    const bytes = readFileSync(shard);
    bytes[bytes.length - 3] ^= 0xff;
    writeFileSync(shard, bytes);
    const cases: [string[], number, RegExp][] = [
      [['deepsched', 'evaluate', '--model', join(modelDir, 'best.dsm'), '--dataset', damaged], 1, /shard-00000\.jsonl\.gz: checksum mismatch/],
      [['deepsched', 'train', '--dataset', join(work, 'nowhere'), '--out', join(work, 'x')], 1, /nowhere\/manifest\.json: no such file/],
      [['deepsched', 'info', '--model', join(work, 'missing.dsm')], 1, /--model .*missing\.dsm: no such file/],
      [['deepsched', 'info', '--model', join(dataset, 'manifest.json')], 1, /--model .*manifest\.json: .*not a DeepSched model/],
      [['deepsched', 'dataset', '--out', join(work, 'y'), '--sizes', '10,x'], 2, /"10,x" is not a comma-separated list of positive integers/],
      [['deepsched', 'dataset', '--out', join(work, 'y'), '--heterogeneity', '3'], 2, /generated\.heterogeneities must hold numbers in \[0, 2\), got 3/],
      [['deepsched', 'dataset', '--out', join(work, 'y'), '--traces', join(work, 'no-traces')], 1, /--traces: traces folder .*no-traces: no such folder/],
      [['schedule', '-w', 'w.json', '-c', 'c.json', '--scheduler', 'heft', '--model', 'm.dsm'], 2, /--model: scheduler "heft" reads no trained model/],
    ];
    for (const [args, status, pattern] of cases) {
      const result = runCli(args, work);
      expect(result.status, args.join(' ')).toBe(status);
      // The error line (commander adds a usage hint after its own parse errors).
      expect(result.stderr.split('\n').find((line) => line.startsWith('hetsched: error:') || line.startsWith('error:')), args.join(' ')).toMatch(pattern);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
