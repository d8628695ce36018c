import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { compileProblem, ValidationError, formatIssue, type ClusterSpec, type Schedule, type WorkflowSpec } from '@hetsched/core';
import { writeFileAtomic } from './atomic-file.js';
import { resolveDatasetSpec, type DatasetSpec } from './dataset-spec.js';
import { exampleRecipes, makeExample, TraceCache, type GeneratedExample } from './examples.js';
import type { LabelledExample } from './training-example.js';

export const DATASET_FORMAT = 'hetsched-deepsched-dataset';
export const DATASET_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const DEFAULT_SHARD_SIZE = 256;

export interface ShardEntry {
  /** File name inside the dataset folder, e.g. "shard-00000.jsonl.gz". */
  file: string;
  examples: number;
  bytes: number;
  /** SHA-256 of the file's bytes (the gzip stream), lowercase hex. */
  sha256: string;
}

/** `manifest.json`: what the dataset holds and how to check it (docs/formats.md, section "DeepSched"). */
export interface DatasetManifest {
  format: typeof DATASET_FORMAT;
  formatVersion: number;
  spec: DatasetSpec;
  seed: number;
  counts: { examples: number; generated: number; traces: number; tasks: number };
  shardSize: number;
  shards: ShardEntry[];
}

/** One line of a shard: the native documents and HEFT's schedule in index form (task/processor input order). */
export interface ShardRecord {
  index: number;
  source: string;
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
  heft: { processor: number[]; start: number[]; finish: number[] };
}

/** A dataset fault: the message names the file (and the line when it is in a shard). */
export class DatasetError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${message}`, options);
    this.name = this.constructor.name;
  }
}

export interface WriteDatasetOptions {
  /** Examples per shard file. Default 256. */
  shardSize?: number;
  /** Called after each example is labelled: done of total. */
  onProgress?(done: number, total: number): void;
}

const shardName = (k: number): string => `shard-${String(k).padStart(5, '0')}.jsonl.gz`;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Makes the examples of `spec` and writes them to `outDir` as gzipped JSON-lines shards, then `manifest.json`
 * last (a folder without a manifest is an unfinished dataset). Byte-identical output for the same spec.
 */
export async function writeDataset(spec: DatasetSpec, outDir: string, options: WriteDatasetOptions = {}): Promise<DatasetManifest> {
  resolveDatasetSpec(spec);
  const shardSize = options.shardSize ?? DEFAULT_SHARD_SIZE;
  if (!Number.isInteger(shardSize) || shardSize < 1) throw new RangeError(`shardSize must be a positive integer, got ${shardSize}`);
  mkdirSync(outDir, { recursive: true });
  // An old manifest goes first, so an interrupted rewrite never pairs it with new shards.
  rmSync(join(outDir, MANIFEST_FILE), { force: true });

  const shards: ShardEntry[] = [];
  const counts = { examples: 0, generated: 0, traces: 0, tasks: 0 };
  let lines: string[] = [];
  const flush = (): void => {
    if (lines.length === 0) return;
    const bytes = gzipSync(`${lines.join('\n')}\n`, { level: 9 });
    const file = shardName(shards.length);
    writeFileAtomic(join(outDir, file), bytes);
    shards.push({ file, examples: lines.length, bytes: bytes.length, sha256: sha256(bytes) });
    lines = [];
  };
  const traces = new TraceCache(spec.tracesDir);
  const recipes = exampleRecipes(spec, traces);
  for (const recipe of recipes) {
    const example = makeExample(recipe, traces);
    lines.push(JSON.stringify(toRecord(counts.examples, example)));
    counts.examples++;
    counts.tasks += example.problem.taskCount;
    if (example.source.startsWith('trace:')) counts.traces++;
    else counts.generated++;
    options.onProgress?.(counts.examples, recipes.length);
    if (lines.length === shardSize) flush();
    // Let a caller's progress output and signals through between examples.
    if (counts.examples % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  flush();
  removeStaleShards(outDir, new Set(shards.map((s) => s.file)));
  const manifest: DatasetManifest = { format: DATASET_FORMAT, formatVersion: DATASET_FORMAT_VERSION, spec, seed: spec.seed, counts, shardSize, shards };
  writeFileAtomic(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function removeStaleShards(dir: string, keep: ReadonlySet<string>): void {
  for (const name of readdirSync(dir)) if (/^shard-\d+\.jsonl\.gz$/.test(name) && !keep.has(name)) rmSync(join(dir, name));
}

function toRecord(index: number, example: GeneratedExample): ShardRecord {
  return {
    index,
    source: example.source,
    workflow: example.workflow,
    cluster: example.cluster,
    heft: { processor: Array.from(example.target.processorOf), start: Array.from(example.target.start), finish: Array.from(example.target.finish) },
  };
}

/** Reads and checks `manifest.json` of a dataset folder. */
export function readManifest(dir: string): DatasetManifest {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError(file, code === 'ENOENT' ? 'no such file (not a dataset folder, or its writing did not finish)' : (error as Error).message, { cause: error });
  }
  let manifest: DatasetManifest;
  try {
    manifest = JSON.parse(text) as DatasetManifest;
  } catch (error) {
    throw new DatasetError(file, `not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== DATASET_FORMAT) {
    throw new DatasetError(file, `not a DeepSched dataset manifest (format must be "${DATASET_FORMAT}")`);
  }
  if (manifest.formatVersion !== DATASET_FORMAT_VERSION) {
    throw new DatasetError(file, `dataset format version ${String(manifest.formatVersion)} is not supported (this build reads version ${DATASET_FORMAT_VERSION})`);
  }
  if (!Array.isArray(manifest.shards)) throw new DatasetError(file, 'shards must be a list');
  manifest.shards.forEach((shard, k) => {
    const ok = typeof shard?.file === 'string' && /^shard-\d+\.jsonl\.gz$/.test(shard.file) && Number.isInteger(shard.examples) && typeof shard.sha256 === 'string';
    if (!ok) throw new DatasetError(file, `shards[${k}] must be { file: "shard-NNNNN.jsonl.gz", examples, bytes, sha256 }`);
  });
  return manifest;
}

/**
 * Reads a dataset folder back: checks the manifest, each shard's checksum and example count, and every record
 * (documents validated and compiled, labels of the right length and in range). Errors name the file and line.
 */
export async function readDataset(dir: string): Promise<LabelledExample[]> {
  const manifest = readManifest(dir);
  const examples: LabelledExample[] = [];
  for (const shard of manifest.shards) {
    const file = join(dir, shard.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new DatasetError(file, code === 'ENOENT' ? `no such file (listed in ${MANIFEST_FILE})` : (error as Error).message, { cause: error });
    }
    const actual = sha256(bytes);
    if (actual !== shard.sha256) throw new DatasetError(file, `checksum mismatch: ${MANIFEST_FILE} says sha256 ${shard.sha256}, the file has ${actual} (changed or damaged)`);
    let text: string;
    try {
      text = gunzipSync(bytes).toString('utf8');
    } catch (error) {
      throw new DatasetError(file, `not a gzip stream: ${(error as Error).message}`, { cause: error });
    }
    const lines = text.split('\n').filter((line) => line !== '');
    if (lines.length !== shard.examples) throw new DatasetError(file, `holds ${lines.length} examples, ${MANIFEST_FILE} says ${shard.examples}`);
    lines.forEach((line, k) => examples.push(fromRecord(line, `${file} line ${k + 1}`)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (manifest.counts && examples.length !== manifest.counts.examples) {
    throw new DatasetError(join(dir, MANIFEST_FILE), `counts.examples is ${manifest.counts.examples} but the shards hold ${examples.length}`);
  }
  return examples;
}

function fromRecord(line: string, where: string): LabelledExample {
  let record: ShardRecord;
  try {
    record = JSON.parse(line) as ShardRecord;
  } catch (error) {
    throw new DatasetError(where, `not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  let problem;
  try {
    problem = compileProblem(record.workflow, record.cluster);
  } catch (error) {
    if (error instanceof ValidationError) throw new DatasetError(where, `invalid documents: ${formatIssue(error.issues.find((i) => i.severity === 'error') ?? error.issues[0]!)}`, { cause: error });
    throw new DatasetError(where, (error as Error).message, { cause: error });
  }
  const heft = record.heft;
  const n = problem.taskCount;
  if (!heft || ![heft.processor, heft.start, heft.finish].every((a) => Array.isArray(a) && a.length === n)) {
    throw new DatasetError(where, `heft must hold processor, start and finish lists of ${n} entries (one per task)`);
  }
  const bad = heft.processor.findIndex((p) => !Number.isInteger(p) || p < 0 || p >= problem.processorCount);
  if (bad !== -1) throw new DatasetError(where, `heft.processor[${bad}] must be a processor index in [0, ${problem.processorCount}), got ${String(heft.processor[bad])}`);
  const target: Schedule = { processorOf: Int32Array.from(heft.processor), start: Float64Array.from(heft.start), finish: Float64Array.from(heft.finish) };
  return { problem, target, source: record.source };
}
