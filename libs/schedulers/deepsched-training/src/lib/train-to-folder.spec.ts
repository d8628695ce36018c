import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '@hetsched/scheduler-deepsched';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-file.js';
import { generateExamples } from './examples.js';
import { trainToFolder, type TrainingReport } from './train-to-folder.js';

const work = mkdtempSync(join(tmpdir(), 'deepsched-train-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const examples = generateExamples({ seed: 3, generated: { count: 10, taskCounts: [6, 9], ccrs: [1], heterogeneities: [0.5], processorCounts: [2, 3] } });
const train = { epochs: 2, batchSize: 4, learningRate: 0.01, patience: 5, seed: 1, config: { gruUnits: 4, hidden: 4, fusion: 4 } };

describe('writeFileAtomic', () => {
  it('replaces a file whole, and leaves the old content and no temporary file when the write fails', () => {
    const file = join(work, 'a.txt');
    writeFileAtomic(file, 'first');
    writeFileAtomic(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    const folder = join(work, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'keep'), 'x');
    // Renaming a file over a non-empty folder fails: the folder stays and the temporary file is removed.
    expect(() => writeFileAtomic(folder, 'third')).toThrow();
    expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('trainToFolder', () => {
  it('writes a checkpoint per improvement, best.dsm and a report that is whole after every epoch', async () => {
    const outDir = join(work, 'run');
    const seen: number[] = [];
    const { result, report } = await trainToFolder(examples, {
      outDir,
      validationFraction: 0.2,
      train,
      onEpoch: (epoch) => {
        // Each epoch's report is already on disk, whole.
        const onDisk = JSON.parse(readFileSync(join(outDir, 'training.json'), 'utf8')) as TrainingReport;
        expect(onDisk.status).toBe('running');
        seen.push(onDisk.epochs.length);
        expect(epoch.epoch).toBe(onDisk.epochs.length);
      },
    });
    expect(seen).toEqual([1, 2]);
    expect(report).toMatchObject({ status: 'finished', stoppedBy: 'epochs', split: { train: 8, validation: 2 } });
    const files = readdirSync(outDir).sort();
    expect(files).toContain('best.dsm');
    expect(files).toContain('training.json');
    expect(files).toContain('checkpoint-epoch-001.dsm');
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(report.files.checkpoints.every((f) => existsSync(join(outDir, f)))).toBe(true);
    const best = await loadModel(readFileSync(join(outDir, 'best.dsm')));
    expect(best.metadata.version).toBe(result.model.metadata.version);
    expect(JSON.parse(readFileSync(join(outDir, 'training.json'), 'utf8'))).toMatchObject({ status: 'finished', model: { version: best.metadata.version } });
    best.dispose();
    result.model.dispose();
  }, 120_000);

  it('an abort keeps the best weights and marks the report', async () => {
    const outDir = join(work, 'aborted');
    const controller = new AbortController();
    const { result, report } = await trainToFolder(examples, {
      outDir,
      train: { ...train, epochs: 50, patience: 50 },
      signal: controller.signal,
      onEpoch: (epoch) => {
        if (epoch.epoch === 2) controller.abort();
      },
    });
    expect(result.stoppedBy).toBe('abort');
    expect(report.status).toBe('finished');
    expect(report.epochs.length).toBeLessThan(5);
    const best = await loadModel(readFileSync(join(outDir, 'best.dsm')));
    best.dispose();
    result.model.dispose();
  }, 120_000);

  it('refuses a split that leaves no validation examples', async () => {
    await expect(trainToFolder(examples.slice(0, 1), { outDir: join(work, 'none'), train })).rejects.toThrow(/no validation examples/);
  });
});
