import { buildRandomProblem } from '@hetsched/scheduler-conformance';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { checkSchedule, toAssignments } from '@hetsched/core';
import { heftOf } from '../testing/support.js';
import { decodeAutoregressive } from './decode.js';
import { encodeProblem, encodeTargets, makeBatch, PLACED_FEATURES } from './features.js';
import { createNetwork, forwardBatch, HeadArrays, predict, predictBase } from './network.js';
import { DEFAULT_MODEL_CONFIG, type ModelMetadata } from './types.js';

const metadata: ModelMetadata = {
  version: 'test',
  createdAt: '2026-01-01T00:00:00.000Z',
  config: { ...DEFAULT_MODEL_CONFIG, gruUnits: 8, hidden: 8, fusion: 8 },
  training: { trainExamples: 0, validationExamples: 0, epochs: 0, seed: 0 },
  metrics: {},
};
const problem = buildRandomProblem({ tasks: 25, processors: 3, ccr: 2, shape: 1, heterogeneity: 1.5, outDegree: 3, heterogeneousLinks: false, bandwidth: 1, latency: 0, seed: 5 });

beforeAll(() => initBackend());

describe('the network', () => {
  it('gives the same outputs batched on tensors, padded to any bucket, and one-by-one with the JavaScript GRU', () => {
    const net = createNetwork(metadata, 1);
    const encoded = encodeProblem(problem, 32);
    const single = predict(net, encoded);
    for (const [taskPad, processorPad] of [[32, 4], [64, 8]] as const) {
      const other = buildRandomProblem({ tasks: 30, processors: 2, ccr: 1, shape: 1, heterogeneity: 1, outDegree: 2, heterogeneousLinks: false, bandwidth: 1, latency: 0, seed: 6 });
      const batch = makeBatch([{ encoded: encodeProblem(other, 32) }, { encoded }], taskPad, processorPad);
      const [logits, times] = tf.tidy(() => {
        const out = forwardBatch(net, batch);
        return [tf.softmax(out.logits, 2), out.times];
      });
      const p = logits!.arraySync() as number[][][];
      const tt = times!.arraySync() as number[][][][];
      tf.dispose([logits!, times!]);
      for (let k = 0; k < 25; k++) {
        const t = encoded.order[k]!;
        for (let q = 0; q < 3; q++) {
          expect(p[1]![k]![q]).toBeCloseTo(single.probabilities[t * 3 + q]!, 5);
          expect(tt[1]![k]![q]![1]! * encoded.timeScale).toBeCloseTo(single.times[(t * 3 + q) * 2 + 1]!, 3);
        }
        expect(p[1]![k]![3] ?? 0).toBeLessThan(1e-12); // a padding processor gets no probability
      }
    }
    net.dispose();
  });

  it('chunks the pair tensors of a large problem without changing the result', () => {
    const net = createNetwork(metadata, 2);
    const large = buildRandomProblem({ tasks: 2500, processors: 3, ccr: 1, shape: 1, heterogeneity: 1, outDegree: 2, heterogeneousLinks: false, bandwidth: 1, latency: 0, seed: 8 });
    const encoded = encodeProblem(large, 32);
    const before = tf.memory().numTensors;
    const prediction = predict(net, encoded);
    expect(tf.memory().numTensors).toBe(before);
    // Each task's probabilities sum to 1, across the chunk boundary at 2048 too.
    for (const t of [0, 2047, 2048, 2499].map((k) => encoded.order[k]!)) {
      expect(Array.from(prediction.probabilities.subarray(t * 3, t * 3 + 3)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    net.dispose();
  });
});

describe('the autoregressive extension', () => {
  const arMetadata: ModelMetadata = { ...metadata, config: { ...metadata.config, autoregressive: true } };

  it('runs the heads task by task in JavaScript exactly as the batched pass does with teacher-forced placements', () => {
    const net = createNetwork(arMetadata, 4);
    const encoded = encodeProblem(problem, 32);
    const targets = encodeTargets(encoded, heftOf(problem), problem);
    const batch = makeBatch([{ encoded, targets }], 32, 4);
    const [logits, times] = tf.tidy(() => {
      const out = forwardBatch(net, batch);
      return [out.logits, out.times];
    });
    const l = logits!.arraySync() as number[][][];
    const tt = times!.arraySync() as number[][][][];
    tf.dispose([logits!, times!]);
    const base = predictBase(net, encoded);
    const head = new HeadArrays(net);
    const placed = new Float32Array(3 * PLACED_FEATURES);
    const oneLogits = new Float32Array(3);
    const oneTimes = new Float32Array(6);
    for (let k = 0; k < 25; k++) {
      const t = encoded.order[k]!;
      placed.set(targets.placed.subarray(k * 3 * PLACED_FEATURES, (k + 1) * 3 * PLACED_FEATURES));
      head.evaluate(base, t, 3, placed, oneLogits, oneTimes);
      for (let q = 0; q < 3; q++) {
        expect(oneLogits[q]).toBeCloseTo(l[0]![k]![q]!, 4);
        expect(oneTimes[2 * q]).toBeCloseTo(tt[0]![k]![q]![0]!, 4);
      }
    }
    expect(() => predict(net, encoded)).toThrow(/autoregressive model predicts task by task/);
    net.dispose();
  });

  it('decodes into valid schedules in both orders, with any number of candidates', () => {
    const net = createNetwork(arMetadata, 5);
    const encoded = encodeProblem(problem, 32);
    for (const order of ['upward-rank', 'predicted-start'] as const) {
      for (const candidates of [1, 2, 3]) {
        const { schedule, chosen } = decodeAutoregressive(net, problem, encoded, order, candidates);
        expect(checkSchedule(problem.workflow, problem.cluster, toAssignments(problem, schedule)).violations).toEqual([]);
        if (candidates === 1) expect(schedule.processorOf).toEqual(chosen);
      }
    }
    net.dispose();
  });

  it('computes, from its own partial schedule, the state features teacher-forced from HEFT when it follows HEFT’s choices', () => {
    // The decoder is made to take HEFT's processor for each task (upward-rank order, candidates 1: insertion-based
    // placement on that processor, as HEFT does), so its partial schedules are HEFT's, task by task, and the features
    // it computes must equal the teacher-forced ones, bit for bit.
    const net = createNetwork(arMetadata, 6);
    const linked = buildRandomProblem({ tasks: 60, processors: 4, ccr: 3, shape: 1, heterogeneity: 1.5, outDegree: 3, heterogeneousLinks: true, bandwidth: 1, latency: 0.3, seed: 9 });
    const encoded = encodeProblem(linked, 32);
    const heft = heftOf(linked);
    const targets = encodeTargets(encoded, heft, linked);
    const decodeFollowing = (choice: ArrayLike<number>) => {
      const seen = new Float32Array(targets.placed.length);
      const { schedule } = decodeAutoregressive(net, linked, encoded, 'upward-rank', 1, {
        choose: (t) => choice[t]!,
        observe: (t, placed) => seen.set(placed.subarray(0, 4 * PLACED_FEATURES), encoded.positionOf[t]! * 4 * PLACED_FEATURES),
      });
      return { schedule, seen };
    };
    const { schedule, seen } = decodeFollowing(heft.processorOf);
    expect(Array.from(schedule.processorOf)).toEqual(Array.from(heft.processorOf));
    expect(Array.from(schedule.finish)).toEqual(Array.from(heft.finish));
    expect(Array.from(seen)).toEqual(Array.from(targets.placed));
    // Not all zero: the test compares real state (shares, ready times, availability).
    for (let f = 0; f < PLACED_FEATURES; f++) expect(targets.placed.some((x, i) => i % PLACED_FEATURES === f && x !== 0)).toBe(true);
    // A different state gives different features: one early task moved to another processor.
    const moved = Int32Array.from(heft.processorOf);
    const early = encoded.order[2]!;
    moved[early] = (moved[early]! + 1) % 4;
    expect(Array.from(decodeFollowing(moved).seen)).not.toEqual(Array.from(targets.placed));
    net.dispose();
  });
});
