import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetSpec } from './dataset-spec.js';
import { generateExamples } from './examples.js';
import { readDataset, readManifest, writeDataset, type DatasetManifest } from './dataset-files.js';

const spec: DatasetSpec = { seed: 11, generated: { count: 7, taskCounts: [8, 15], ccrs: [0.5, 5], heterogeneities: [0.5], processorCounts: [2, 4] } };
const work = mkdtempSync(join(tmpdir(), 'deepsched-dataset-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function freshDataset(name: string): Promise<string> {
  const dir = join(work, name);
  await writeDataset(spec, dir, { shardSize: 3 });
  return dir;
}
const manifestOf = (dir: string): DatasetManifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as DatasetManifest;

describe('writeDataset / readDataset', () => {
  it('writes shards and a manifest, byte-identical for the same seed, and reads back the same examples', async () => {
    const a = await freshDataset('a');
    const b = await freshDataset('b');
    const manifest = manifestOf(a);
    expect(manifest).toMatchObject({ format: 'hetsched-deepsched-dataset', formatVersion: 1, seed: 11, shardSize: 3, counts: { examples: 7, generated: 7, traces: 0 } });
    expect(manifest.shards.map((s) => [s.file, s.examples])).toEqual([['shard-00000.jsonl.gz', 3], ['shard-00001.jsonl.gz', 3], ['shard-00002.jsonl.gz', 1]]);
    expect(manifestOf(b)).toEqual(manifest);
    for (const shard of manifest.shards) expect(readFileSync(join(b, shard.file))).toEqual(readFileSync(join(a, shard.file)));

    const read = await readDataset(a);
    const made = generateExamples(spec);
    expect(read.map((e) => e.source)).toEqual(made.map((e) => e.source));
    expect(read.map((e) => Array.from(e.target.processorOf))).toEqual(made.map((e) => Array.from(e.target.processorOf)));
    expect(read.map((e) => Array.from(e.target.finish))).toEqual(made.map((e) => Array.from(e.target.finish)));
    expect(read[3]!.problem.taskCount).toBe(made[3]!.problem.taskCount);
  });

  it('rewriting a folder with fewer shards removes the stale ones', async () => {
    const dir = await freshDataset('rewrite');
    await writeDataset(spec, dir, { shardSize: 10 });
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'shard-00000.jsonl.gz']);
    expect(await readDataset(dir)).toHaveLength(7);
  });

  it('names the shard whose checksum does not match', async () => {
    const dir = await freshDataset('damaged');
    const shard = join(dir, 'shard-00001.jsonl.gz');
    const bytes = readFileSync(shard);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(shard, bytes);
    await expect(readDataset(dir)).rejects.toThrow(`${shard}: checksum mismatch`);
  });

  it('names a missing shard, a missing or alien manifest, and a wrong version', async () => {
    const dir = await freshDataset('missing');
    rmSync(join(dir, 'shard-00002.jsonl.gz'));
    await expect(readDataset(dir)).rejects.toThrow(`${join(dir, 'shard-00002.jsonl.gz')}: no such file (listed in manifest.json)`);
    expect(() => readManifest(join(work, 'nowhere'))).toThrow(`${join(work, 'nowhere', 'manifest.json')}: no such file`);

    const alien = join(work, 'alien');
    await writeDataset(spec, alien, { shardSize: 50 });
    writeFileSync(join(alien, 'manifest.json'), '{"format":"something-else"}');
    expect(() => readManifest(alien)).toThrow(/manifest\.json: not a DeepSched dataset manifest/);
    writeFileSync(join(alien, 'manifest.json'), JSON.stringify({ ...manifestOf(dir), formatVersion: 99 }));
    expect(() => readManifest(alien)).toThrow(/manifest\.json: dataset format version 99 is not supported/);
    writeFileSync(join(alien, 'manifest.json'), '{ nope');
    expect(() => readManifest(alien)).toThrow(/manifest\.json: not valid JSON/);
  });

  it('names the shard and line of a bad record, even with a matching checksum', async () => {
    const dir = await freshDataset('bad-record');
    const manifest = manifestOf(dir);
    const line = JSON.stringify({ index: 0, source: 'x', workflow: { tasks: [{ id: 'a', work: 1 }], edges: [] }, cluster: { processors: [{ id: 'p1' }] }, heft: { processor: [3], start: [0], finish: [1] } });
    const bytes = gzipSync(`${line}\n`);
    writeFileSync(join(dir, 'shard-00000.jsonl.gz'), bytes);
    const { createHash } = await import('node:crypto');
    manifest.shards[0] = { file: 'shard-00000.jsonl.gz', examples: 1, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await expect(readDataset(dir)).rejects.toThrow(`${join(dir, 'shard-00000.jsonl.gz')} line 1: heft.processor[0] must be a processor index in [0, 1), got 3`);
  });

  it('leaves no manifest behind when writing fails half way, so the half-written folder cannot be read', async () => {
    const dir = await freshDataset('half');
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
    await expect(writeDataset({ ...spec, tracesDir: join(work, 'no-traces') }, dir)).rejects.toThrow(/no such folder/);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(false);
  });
});
