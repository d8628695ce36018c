import { Random } from '@hetsched/core';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomIndividual, randomInstance } from '../testing/random-problem.js';
import { Decoder, successorTails } from './decoder.js';
import { copyIndividual, createIndividual, type Individual } from './individual.js';
import { scoreOf, type Objective, type Score } from './objective.js';
import { mutateOrder, mutateProcessors } from './operators.js';

/** The local search swaps in its own (smaller) tails; both decoders must read the same ones. */
function swapInTails(wasm: Decoder, plain: Decoder, random: Random): void {
  if (!random.chance(0.5)) return;
  const tails = successorTails(wasm.problem).map((x) => x * random.next());
  wasm.tail = tails;
  plain.tail = Float64Array.from(tails);
}

/**
 * No cutoff, or one between 0.3 and 1.1 times the measures of `decoded`'s schedule (the last decode's when not
 * given), with or without the secondary measure.
 */
function randomCutoff(decoder: Decoder, objective: Objective, random: Random, decoded?: Individual): Score | null {
  if (random.chance(0.3)) return null;
  let { makespan, finishSum } = decoder;
  if (decoded !== undefined) {
    makespan = Math.max(0, ...decoded.finish);
    finishSum = decoded.finish.reduce((sum, f) => sum + f, 0);
  }
  const full = scoreOf(objective, makespan, finishSum, { primary: 0, secondary: 0 });
  return { primary: full.primary * random.uniform(0.3, 1.1), secondary: random.chance(0.5) ? Infinity : full.secondary };
}

/** The last decodes of the two decoders, into `decoded[0]` and `decoded[1]`, gave the same result. */
function expectSameDecode(wasm: Decoder, plain: Decoder, decoded: readonly Individual[], placedBefore: readonly number[]): void {
  expect(wasm.makespan).toBe(plain.makespan);
  expect(wasm.finishSum).toBe(plain.finishSum);
  expect(wasm.placements - placedBefore[0]!).toBe(plain.placements - placedBefore[1]!);
  expect(Array.from(decoded[0]!.start)).toEqual(Array.from(decoded[1]!.start));
  expect(Array.from(decoded[0]!.finish)).toEqual(Array.from(decoded[1]!.finish));
  expect(Array.from(decoded[0]!.position)).toEqual(Array.from(decoded[1]!.position));
  expect(listsOf(wasm)).toEqual(listsOf(plain));
}

/** The processors' lists as arrays, to compare what two decoders leave on their timelines. */
function listsOf(decoder: Decoder): number[][] {
  const timelines = decoder.timelines;
  return Array.from({ length: decoder.problem.processorCount }, (_, p) =>
    Array.from({ length: timelines.taskCountOn(p) }, (_, i) => timelines.taskAt(p, i)),
  );
}

describe('WasmDecoder (through Decoder)', () => {
  it('loads here, so the specs below compare it and not the TypeScript loop with itself', () => {
    const { problem } = randomInstance({ tasks: 20, processors: 3, ccr: 1, seed: 1 });
    expect(new Decoder(problem).usesWasm).toBe(true);
    expect(new Decoder(problem, { useWasm: false }).usesWasm).toBe(false);
  });

  it('gives the TypeScript decode bit for bit: times, positions, measures, stops at cutoffs and timelines', () => {
    fc.assert(
      fc.property(problemParams(), fc.constantFrom<Objective>('makespan', 'averageTurnaround'), fc.integer({ min: 0, max: 1e6 }), (params, objective, seed) => {
        const { problem } = randomInstance(params);
        const n = problem.taskCount;
        const wasm = new Decoder(problem, { objective });
        const plain = new Decoder(problem, { objective, useWasm: false });
        const random = new Random(seed);
        swapInTails(wasm, plain, random);
        for (let i = 0; i < 4; i++) {
          const a = randomIndividual(problem, random);
          const b = createIndividual(n);
          copyIndividual(a, b);
          plain.decode(b);
          const cutoff = randomCutoff(plain, objective, random);
          a.start.fill(-1);
          a.finish.fill(-1);
          b.start.fill(-1);
          b.finish.fill(-1);
          const placedBefore = [wasm.placements, plain.placements];
          const complete = wasm.decode(a, cutoff);
          expect(plain.decode(b, cutoff)).toBe(complete);
          expectSameDecode(wasm, plain, [a, b], placedBefore);
          const placed = wasm.placements - placedBefore[0]!;
          for (let j = 0; j < placed; j++) expect(a.position[a.order[j]!]).toBe(j);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('tries candidates from the loaded solution as the TypeScript rollback does: same stops, times, measures and timelines', () => {
    fc.assert(
      fc.property(problemParams(), fc.constantFrom<Objective>('makespan', 'averageTurnaround'), fc.integer({ min: 0, max: 1e6 }), (params, objective, seed) => {
        const { problem } = randomInstance(params);
        const n = problem.taskCount;
        const decoders = [new Decoder(problem, { objective }), new Decoder(problem, { objective, useWasm: false })] as const;
        const random = new Random(seed);
        swapInTails(decoders[0], decoders[1], random);
        // Each decoder works on its own copies: the current solution and the trial.
        const start = randomIndividual(problem, random);
        const current = decoders.map(() => createIndividual(n));
        const trial = decoders.map(() => createIndividual(n));
        decoders.forEach((decoder, d) => {
          copyIndividual(start, current[d]!);
          decoder.decode(current[d]!);
          decoder.load(current[d]!);
        });
        for (let i = 0; i < 16; i++) {
          // A move of the local search: one task to another processor, or moved within its precedence window.
          const move = createIndividual(n);
          copyIndividual(current[0]!, move);
          const first = random.chance(0.5) ? mutateProcessors(move, problem.processorCount, 0.2, random) : mutateOrder(problem, move, move.position, random);
          if (first === n) continue;
          const cutoff = randomCutoff(decoders[1], objective, random, current[1]!);
          const placedBefore = decoders.map((decoder) => decoder.placements);
          const complete = decoders.map((decoder, d) => {
            copyIndividual(move, trial[d]!);
            // Times after the change are the decoders' to write: poison them so that a missed write shows.
            for (let j = first; j < n; j++) trial[d]!.finish[trial[d]!.order[j]!] = -1;
            return decoder.tryFrom(trial[d]!, first, cutoff);
          });
          expect(complete[0]).toBe(complete[1]);
          expectSameDecode(decoders[0], decoders[1], trial, placedBefore);
          if (complete[0] && random.chance(0.5)) {
            // Accepted, as the local search does: the trial becomes the base of the next tries (the timelines
            // hold it already), and the old base the buffer of the next trial.
            decoders.forEach((decoder, d) => {
              [current[d], trial[d]] = [trial[d]!, current[d]!];
              decoder.load(current[d]!);
            });
          } else if (random.chance(0.1)) {
            // A base that is not the last decode: the decoders rebuild their timelines from its times.
            decoders.forEach((decoder, d) => decoder.load(current[d]!));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('decodes a workflow with every task on one processor (the slots are sized for it)', () => {
    const { problem } = randomInstance({ tasks: 400, processors: 5, ccr: 2, seed: 4 });
    const wasm = new Decoder(problem);
    const plain = new Decoder(problem, { useWasm: false });
    const a = randomIndividual(problem, new Random(7));
    a.processorOf.fill(4);
    const b = createIndividual(problem.taskCount);
    copyIndividual(a, b);
    wasm.decode(a);
    plain.decode(b);
    expect(Array.from(a.finish)).toEqual(Array.from(b.finish));
    expect(listsOf(wasm)).toEqual(listsOf(plain));
  });

  it('is built from assembly/decoder.ts: the committed module is what the source compiles to', () => {
    const build = fileURLToPath(new URL('../../assembly/build.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [build, '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // A compiler run: ~1 s on an idle core, several on a loaded 2-core machine; its time says nothing about the decoder.
  }, 120_000);
});
