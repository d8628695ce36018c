import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, TRAIN_DEPRECATION, type CliIo } from './main.js';

// Tiny sizes throughout: a few seconds per command on a shared 2-core machine.
const TINY_NET = '{"gruUnits":8,"hidden":8,"fusion":8}';
const traces = fileURLToPath(new URL('../../../../../../shared/data/wfinstances/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deepsched-cli-'));
const dataset = join(work, 'ds');
const modelDir = join(work, 'model');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a command line in this process with buffers for stdout and stderr (not terminals: one line per step). */
async function run(argv: string[], io: Partial<CliIo> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    interrupts: new EventEmitter(),
    ...io,
  });
  return { status, stdout, stderr };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const DATASET_ARGS = ['dataset', '--seed', '5', '--count', '20', '--sizes', '8,16', '--processors', '2,3', '--ccr', '0.5,2', '--shard-size', '8'];

beforeAll(async () => {
  const made = await run([...DATASET_ARGS, '--out', dataset]);
  if (made.status !== 0) throw new Error(`dataset: ${made.stderr}`);
}, 60_000);

describe('dataset', () => {
  it('writes shards and a manifest, byte-identical for the same seed, one progress line per tenth off a terminal', { timeout: 60_000 }, async () => {
    const again = await run([...DATASET_ARGS, '--out', join(work, 'ds-again')]);
    expect(again.status).toBe(0);
    // 20 examples: a line every ceil(20 / 10) = 2 examples.
    expect(again.stderr.split('\n').filter((line) => line !== '')).toEqual(Array.from({ length: 10 }, (_, i) => `dataset: ${2 * (i + 1)}/20 examples`));
    // 20 examples in shards of 8: 8, 8 and 4.
    expect(again.stdout).toMatch(/: 20 examples \(20 generated, 0 from traces; \d+ tasks\) in 3 shards, \d+s\n$/);
    expect(readdirSync(dataset).sort()).toEqual(['manifest.json', 'shard-00000.jsonl.gz', 'shard-00001.jsonl.gz', 'shard-00002.jsonl.gz']);
    for (const file of readdirSync(dataset)) expect(readFileSync(join(work, 'ds-again', file))).toEqual(readFileSync(join(dataset, file)));
  });

  it('takes the real traces, each on the requested generated clusters, and prints the manifest with --json', async () => {
    const result = await run(['dataset', '--out', join(work, 'ds-traces'), '--count', '0', '--traces', `${traces}dax`, '--trace-processors', '3', '--json']);
    expect(result.status).toBe(0);
    // The dax folder holds two DAX traces (no machines recorded): each on one generated 3-processor cluster.
    expect((JSON.parse(result.stdout) as { counts: unknown }).counts).toMatchObject({ examples: 2, traces: 2, generated: 0 });
  }, 60_000);
});

describe('train', () => {
  it('writes checkpoints, best.dsm and training.json, one line per epoch, after a deprecation line when hosted', async () => {
    const result = await run(['train', '--dataset', dataset, '--out', modelDir, '--epochs', '2', '--batch-size', '8', '--config', TINY_NET]);
    expect(result.status).toBe(0);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe(TRAIN_DEPRECATION);
    expect(TRAIN_DEPRECATION).toContain('hetsched train --scheduler deepsched');
    expect(lines[1]).toMatch(/^backend: \w+ \(.+\); 20 examples from /);
    expect(result.stderr).toMatch(/^epoch 1\/2 {2}train loss \d+\.\d+ {2}val loss \d+\.\d+ {2}val acc \d+\.\d%/m);
    expect(result.stderr).toMatch(/^epoch 2\/2 /m);
    expect(result.stderr).toMatch(/^ran all epochs; kept epoch [12] in /m);
    expect(result.stderr).not.toContain('\r');
    const summary = JSON.parse(result.stdout) as { model: string; stoppedBy: string; bestEpoch: number; best: string };
    expect(summary).toMatchObject({ stoppedBy: 'epochs', best: `${modelDir}/best.dsm` });
    expect(existsSync(join(modelDir, 'checkpoint-epoch-001.dsm'))).toBe(true);
    // Validation 0.1 × 20 = 2 examples, training 18.
    const report = readJson<{ status: string; epochs: unknown[]; split: object; model: { version: string } }>(join(modelDir, 'training.json'));
    expect(report).toMatchObject({ status: 'finished', split: { train: 18, validation: 2 }, model: { version: summary.model } });
    expect(report.epochs).toHaveLength(2);
    expect(readdirSync(modelDir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  }, 120_000);

  it('on Ctrl-C stops after the current batch, keeps the best checkpoint and exits 130', async () => {
    const out = join(work, 'model-interrupted');
    const interrupts = new EventEmitter();
    let stderr = '';
    let sent = false;
    // Interrupt once (a second Ctrl-C quits the process) when the first epoch is logged, so a best checkpoint exists.
    const stream = {
      write: (text: string) => {
        stderr += text;
        if (!sent && /^epoch 1\/500 /m.test(stderr)) {
          sent = true;
          interrupts.emit('SIGINT');
        }
      },
    };
    let stdout = '';
    const status = await main(['train', '--dataset', dataset, '--out', out, '--epochs', '500', '--patience', '500', '--batch-size', '4', '--config', TINY_NET], {
      name: 'hetsched-deepsched',
      stdout: { write: (text: string) => (stdout += text) },
      stderr: stream,
      interrupts,
    });
    expect(stderr).toContain('interrupted: stopping after the current batch');
    expect(stderr).not.toContain('deprecated');
    expect(status).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({ stoppedBy: 'abort' });
    expect(readJson(join(out, 'training.json'))).toMatchObject({ status: 'finished', stoppedBy: 'abort' });
    expect(interrupts.listenerCount('SIGINT')).toBe(0);
    expect((await run(['info', '--model', join(out, 'best.dsm')])).status).toBe(0);
  }, 120_000);

  it('stops at --time-limit the same way, as a normal end (exit 0)', async () => {
    const out = join(work, 'model-timed');
    // 1 ms: the timer fires while the first batch trains, and 500 epochs cannot finish first.
    const result = await run(['train', '--dataset', dataset, '--out', out, '--epochs', '500', '--patience', '500', '--config', TINY_NET, '--time-limit', '0.001']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^time limit of 0\.001 s reached: stopping after the current batch$/m);
    expect(result.stderr).toMatch(/^time limit; kept epoch 1 in /m);
    expect(JSON.parse(result.stdout)).toMatchObject({ stoppedBy: 'abort', bestEpoch: 1 });
  }, 120_000);

  it('says in its help that it is deprecated when hosted by hetsched, not as hetsched-deepsched', async () => {
    const hosted = await run(['train', '--help']);
    expect(hosted.status).toBe(0);
    expect(hosted.stdout).toMatch(/^Usage: hetsched deepsched train \[options\]/);
    expect(hosted.stdout).toContain(TRAIN_DEPRECATION);
    const own = await run(['train', '--help'], { name: 'hetsched-deepsched' });
    expect(own.stdout).toMatch(/^Usage: hetsched-deepsched train \[options\]/);
    expect(own.stdout).not.toContain('deprecated');
  }, 60_000);
});

describe('evaluate and info', () => {
  it('compare the trained model with its dataset\'s labels and print its metadata', async () => {
    const result = await run(['evaluate', '--model', join(modelDir, 'best.dsm'), '--dataset', dataset, '--json']);
    expect(result.status).toBe(0);
    const { summary } = JSON.parse(result.stdout) as { summary: { examples: number; processorAccuracy: number; meanMakespanRatio: number; worstMakespanRatio: number; invalid: number } };
    expect(summary).toMatchObject({ examples: 20, invalid: 0 });
    expect(summary.worstMakespanRatio).toBeGreaterThanOrEqual(summary.meanMakespanRatio);
    const table = await run(['evaluate', '--model', join(modelDir, 'best.dsm'), '--dataset', dataset, '--order', 'upward-rank']);
    expect(table.stdout.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^model ds-\d{8}-[0-9a-f]{8} \(.*best\.dsm\) on .*, candidates 1, order upward-rank$/),
      'set             n    proc=  mean    worst   deviation',
      expect.stringMatching(/^all {12}20 +\d+\.\d% {2}\d+\.\d{4} {2}\d+\.\d{4} {2}\d+\.\d{3}$/),
    ]);
    const info = await run(['info', '--model', join(modelDir, 'best.dsm')]);
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ config: { gruUnits: 8 }, training: { trainExamples: 18, validationExamples: 2 }, fileBytes: expect.any(Number) });
    expect(JSON.parse((await run(['info', '--model', 'builtin'])).stdout)).toMatchObject({ builtin: true, version: expect.stringMatching(/^ds-/) });
  }, 120_000);
});

describe('errors', () => {
  it('name the file or flag at fault in one line, with exit 1 for bad input and 2 for a bad command line', async () => {
    const damaged = join(work, 'ds-damaged');
    expect((await run(['dataset', '--out', damaged, '--count', '3', '--sizes', '5', '--processors', '2'])).status).toBe(0);
    const shard = join(damaged, 'shard-00000.jsonl.gz');
    const bytes = readFileSync(shard);
    bytes[bytes.length - 3]! ^= 0xff;
    writeFileSync(shard, bytes);
    const cases: [string[], number, RegExp][] = [
      [['evaluate', '--model', join(modelDir, 'best.dsm'), '--dataset', damaged], 1, /^hetsched: error: .*shard-00000\.jsonl\.gz: checksum mismatch/],
      [['train', '--dataset', join(work, 'nowhere'), '--out', join(work, 'x')], 1, /^hetsched: error: .*nowhere\/manifest\.json: no such file/],
      [['info', '--model', join(work, 'missing.dsm')], 1, /^hetsched: error: --model .*missing\.dsm: no such file$/],
      [['info', '--model', join(dataset, 'manifest.json')], 1, /^hetsched: error: --model .*manifest\.json: .*not a DeepSched model/],
      [['evaluate', '--model', 'builtin', '--dataset', dataset, '--order', 'sideways'], 2, /^hetsched: error: --order must be predicted-start or upward-rank$/],
      [['dataset', '--out', join(work, 'y'), '--sizes', '10,x'], 2, /^error: option .*"10,x" is not a comma-separated list of positive integers/],
      [['dataset', '--out', join(work, 'y'), '--heterogeneity', '3'], 2, /^hetsched: error: dataset: generated\.heterogeneities must hold numbers in \[0, 2\), got 3$/],
      [['dataset', '--out', join(work, 'y'), '--traces', join(work, 'no-traces')], 1, /^hetsched: error: --traces: traces folder .*no-traces: no such folder$/],
      [['dataset'], 2, /^error: required option '--out <dir>' not specified$/],
      [['nonsense'], 2, /^error: unknown command 'nonsense'$/],
    ];
    for (const [argv, status, pattern] of cases) {
      const result = await run(argv);
      expect(result.status, argv.join(' ')).toBe(status);
      expect(result.stderr.split('\n').find((line) => line.includes('error:')), argv.join(' ')).toMatch(pattern);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    const own = await run(['info', '--model', join(work, 'missing.dsm')], { name: 'hetsched-deepsched' });
    expect(own.stderr).toMatch(/^hetsched-deepsched: error: --model /);
    const debug = await run(['info', '--model', join(work, 'missing.dsm'), '--debug']);
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  }, 120_000);
});
