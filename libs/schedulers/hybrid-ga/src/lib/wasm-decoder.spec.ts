import { Random } from '@hetsched/core';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemParams, randomIndividual, randomInstance } from '../testing/random-problem.js';
import { Decoder, successorTails, type Objective } from './decoder.js';
import { copyIndividual, createIndividual } from './individual-pool.js';

/** The processors' lists as arrays, to compare what two decoders leave on their timelines. */
function listsOf(decoder: Decoder): number[][] {
  const timelines = decoder.timelines;
  return Array.from({ length: decoder.problem.processorCount }, (_, p) =>
    Array.from({ length: timelines.taskCountOn(p) }, (_, i) => timelines.taskAt(p, i)),
  );
}

describe('WasmFullDecoder (through Decoder.decode)', () => {
  it('loads here, so the specs below compare it and not the TypeScript loop with itself', () => {
    const { problem } = randomInstance({ tasks: 20, processors: 3, ccr: 1, seed: 1 });
    expect(new Decoder(problem).usesWasm).toBe(true);
    expect(new Decoder(problem, { useWasm: false }).usesWasm).toBe(false);
  });

  it('gives the TypeScript decode bit for bit: times, positions, measures, stops at cutoffs and timelines', () => {
    fc.assert(
      fc.property(problemParams(), fc.integer({ min: 0, max: 1e6 }), (params, seed) => {
        const { problem } = randomInstance(params);
        const n = problem.taskCount;
        const wasm = new Decoder(problem);
        const plain = new Decoder(problem, { useWasm: false });
        const random = new Random(seed);
        // The local search swaps in its own (smaller) tails; both decoders must read the same ones.
        if (random.chance(0.5)) {
          const tails = successorTails(problem).map((x) => x * random.next());
          wasm.tail = tails;
          plain.tail = Float64Array.from(tails);
        }
        for (let i = 0; i < 4; i++) {
          const a = randomIndividual(problem, random);
          const b = createIndividual(n);
          copyIndividual(a, b);
          const objective: Objective = random.chance(0.5) ? 'makespan' : 'averageTurnaround';
          plain.decode(b, null, objective);
          const full = { primary: objective === 'makespan' ? plain.makespan : plain.finishSum, secondary: objective === 'makespan' ? plain.finishSum : plain.makespan };
          const cutoff = random.chance(0.3) ? null : { primary: full.primary * random.uniform(0.3, 1.1), secondary: random.chance(0.5) ? Infinity : full.secondary };
          a.start.fill(-1);
          a.finish.fill(-1);
          b.start.fill(-1);
          b.finish.fill(-1);
          const placedBefore = [wasm.placements, plain.placements];
          const complete = wasm.decode(a, cutoff, objective);
          expect(plain.decode(b, cutoff, objective)).toBe(complete);
          expect(wasm.makespan).toBe(plain.makespan);
          expect(wasm.finishSum).toBe(plain.finishSum);
          expect(wasm.placements - placedBefore[0]!).toBe(plain.placements - placedBefore[1]!);
          expect(Array.from(a.start)).toEqual(Array.from(b.start));
          expect(Array.from(a.finish)).toEqual(Array.from(b.finish));
          const placed = wasm.placements - placedBefore[0]!;
          for (let j = 0; j < placed; j++) expect(a.position[a.order[j]!]).toBe(j);
          expect(listsOf(wasm)).toEqual(listsOf(plain));
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
