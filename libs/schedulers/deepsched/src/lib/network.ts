import { Random } from '@hetsched/core';
import * as tf from '@tensorflow/tfjs';
import { PAIR_FEATURES, PLACED_FEATURES, PROCESSOR_FEATURES, TASK_FEATURES, type Batch, type EncodedProblem } from './features.js';
import { weightSpecs } from './weight-specs.js';
import { DeepSchedError, type DeepSchedModel, type ModelConfig, type ModelMetadata } from './types.js';

/**
 * The DeepSched network (README "Architecture"), written with TensorFlow.js ops on plain variables rather than
 * tf.layers, so that one set of weights serves two forward passes: a batched one on tensors for training, and an
 * inference one whose GRU recurrence runs in plain JavaScript (10,000 sequential steps of tiny tensor ops would cost
 * seconds in op overhead; the same steps on Float32Array take milliseconds).
 *
 *  - machine encoder: a kernel-size-1 Conv1D over the processors (a dense layer on the feature axis), then a dense
 *    layer over [processor, mean of all processors];
 *  - task encoder: a bidirectional GRU over the tasks in priority order, then a dense layer over [GRU out, features];
 *  - fusion: task and processor representations stacked per (task, processor) pair with the pair features, through
 *    one dense layer (computed as a sum of the three parts' projections, which equals a dense layer on the stacked
 *    vector without materialising it), then a shared hidden layer;
 *  - classifier head: one logit per pair, softmax over the task's unmasked processors;
 *  - regressor head: start and finish (over the problem's time scale) per pair; the loss reads them at HEFT's
 *    processor, inference at the chosen one.
 *
 * The weights' names and shapes are in weight-specs.ts (read without TensorFlow.js by the model file's reader).
 */
export class DeepSchedNetwork implements DeepSchedModel {
  private disposed = false;

  constructor(
    public metadata: ModelMetadata,
    readonly weights: Map<string, tf.Variable>,
  ) {}

  get config(): ModelConfig {
    return this.metadata.config;
  }

  w(name: string): tf.Variable {
    if (this.disposed) throw new DeepSchedError(`deepsched model ${this.metadata.version} was disposed`);
    const v = this.weights.get(name);
    if (v === undefined) throw new DeepSchedError(`deepsched model ${this.metadata.version} has no weight "${name}"`);
    return v;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The weights' current values, by name (a snapshot: training keeps the best one). */
  snapshot(): Map<string, Float32Array> {
    return new Map([...this.weights].map(([name, v]) => [name, v.dataSync() as Float32Array]));
  }

  restore(values: Map<string, Float32Array>): void {
    for (const [name, v] of this.weights) {
      const value = tf.tensor(values.get(name)!, v.shape);
      v.assign(value);
      value.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.weights.values()) v.dispose();
  }
}

/** A network with Glorot-uniform weights from a seeded generator (so training is reproducible from the seed). */
export function createNetwork(metadata: ModelMetadata, seed: number): DeepSchedNetwork {
  const random = new Random(seed);
  const weights = new Map<string, tf.Variable>();
  for (const spec of weightSpecs(metadata.config)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (spec.shape.length === 2) {
      const limit = Math.sqrt(6 / (spec.shape[0]! + spec.shape[1]!));
      for (let i = 0; i < size; i++) values[i] = random.uniform(-limit, limit);
    }
    weights.set(spec.name, toVariable(values, spec.shape, true));
  }
  return new DeepSchedNetwork(metadata, weights);
}

/** A variable holding a copy of `values` (the temporary tensor is released; tfjs auto-names it, names are global). */
export function toVariable(values: Float32Array, shape: number[], trainable: boolean): tf.Variable {
  const initial = tf.tensor(values, shape);
  const variable = tf.variable(initial, trainable);
  initial.dispose();
  return variable;
}

/** A dense layer over the last axis of a tensor of any rank. */
function dense(x: tf.Tensor, kernel: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const shape = x.shape;
  const inner = shape[shape.length - 1]!;
  const flat = tf.matMul(x.reshape([-1, inner]), kernel as tf.Tensor2D);
  const out = bias ? flat.add(bias) : flat;
  return out.reshape([...shape.slice(0, -1), kernel.shape[1]!]);
}

function machineEncoder(net: DeepSchedNetwork, processor: tf.Tensor3D, processorMask: tf.Tensor2D): tf.Tensor3D {
  const conv = tf.relu(dense(processor, net.w('machine/conv1d_k1/kernel'), net.w('machine/conv1d_k1/bias'))) as tf.Tensor3D;
  const mask = processorMask.expandDims(2);
  const pooled = conv.mul(mask).sum(1, true).div(mask.sum(1, true).maximum(1));
  const context = tf.concat([conv, pooled.tile([1, conv.shape[1], 1])], 2);
  return tf.relu(dense(context, net.w('machine/dense/kernel'), net.w('machine/dense/bias'))) as tf.Tensor3D;
}

/** One direction of the GRU on tensors (training): masked steps keep the state, so padding never leaks in. */
function gruTensor(net: DeepSchedNetwork, d: string, task: tf.Tensor3D, taskMask: tf.Tensor2D, reverse: boolean): tf.Tensor3D {
  const G = net.config.gruUnits;
  const [B, N] = task.shape;
  const projected = dense(task, net.w(`gru_${d}/kernel`), net.w(`gru_${d}/bias`));
  const [xzr, xh] = tf.split(projected, [2 * G, G], 2);
  const xzrSteps = tf.unstack(xzr!, 1);
  const xhSteps = tf.unstack(xh!, 1);
  const maskSteps = tf.unstack(taskMask.expandDims(2), 1);
  const recurrent = net.w(`gru_${d}/recurrent`) as tf.Tensor2D;
  const recurrentBias = net.w(`gru_${d}/recurrent_bias`);
  let h: tf.Tensor2D = tf.zeros([B!, G]);
  const outputs: tf.Tensor2D[] = new Array(N);
  for (let s = 0; s < N!; s++) {
    const k = reverse ? N! - 1 - s : s;
    const hp = tf.matMul(h, recurrent).add(recurrentBias);
    const [hzr, hh] = tf.split(hp, [2 * G, G], 1);
    const [z, r] = tf.split(tf.sigmoid(xzrSteps[k]!.add(hzr!)), 2, 1);
    const candidate = tf.tanh(xhSteps[k]!.add(r!.mul(hh!)));
    // h' = z*h + (1-z)*c, kept as h on padding: h + mask*(1-z)*(c-h).
    h = h.add(maskSteps[k]!.mul(tf.sub(1, z!)).mul(candidate.sub(h))) as tf.Tensor2D;
    outputs[k] = h;
  }
  return tf.stack(outputs, 1) as tf.Tensor3D;
}

export interface NetworkOutput {
  /** [B, N, M], padding processors at -1e9. */
  logits: tf.Tensor3D;
  /** [B, N, M, 2]: start and finish over the time scale, per pair. */
  times: tf.Tensor4D;
}

/** The batched forward pass on tensors (training and validation). Call inside tf.tidy. */
export function forwardBatch(net: DeepSchedNetwork, batch: Batch): NetworkOutput {
  const { size: B, taskPad: N, processorPad: M } = batch;
  const task = tf.tensor3d(batch.task, [B, N, TASK_FEATURES]);
  const processor = tf.tensor3d(batch.processor, [B, M, PROCESSOR_FEATURES]);
  const pair = tf.tensor4d(batch.pair, [B, N, M, PAIR_FEATURES]);
  const taskMask = tf.tensor2d(batch.taskMask, [B, N]);
  const processorMask = tf.tensor2d(batch.processorMask, [B, M]);
  const machine = machineEncoder(net, processor, processorMask);
  const forward = gruTensor(net, 'forward', task, taskMask, false);
  const backward = gruTensor(net, 'backward', task, taskMask, true);
  const taskRep = tf.relu(dense(tf.concat([forward, backward, task], 2), net.w('task/dense/kernel'), net.w('task/dense/bias')));
  const fusedTask = dense(taskRep, net.w('fusion/task')).expandDims(2); // [B, N, 1, F]
  const fusedMachine = dense(machine, net.w('fusion/machine')).expandDims(1); // [B, 1, M, F]
  let pre = fusedTask.add(fusedMachine).add(dense(pair, net.w('fusion/pair'))).add(net.w('fusion/bias'));
  if (net.config.autoregressive) {
    if (batch.placed === undefined) throw new DeepSchedError('an autoregressive model needs the placed-predecessor features of the batch');
    pre = pre.add(dense(tf.tensor4d(batch.placed, [B, N, M, PLACED_FEATURES]), net.w('fusion/placed')));
  }
  const fused = tf.relu(pre);
  const hidden = tf.relu(dense(fused, net.w('head/hidden/kernel'), net.w('head/hidden/bias')));
  const raw = dense(hidden, net.w('head/classifier/kernel'), net.w('head/classifier/bias')).squeeze([3]);
  const logits = raw.add(tf.sub(1, processorMask).mul(-1e9).expandDims(1)) as tf.Tensor3D;
  const times = dense(hidden, net.w('head/regressor/kernel'), net.w('head/regressor/bias')) as tf.Tensor4D;
  return { logits, times };
}

/** Masked cross-entropy + weighted masked MSE (start, finish at the label's processor), averaged over real tasks. */
export function batchLoss(net: DeepSchedNetwork, batch: Batch, output: NetworkOutput): { loss: tf.Scalar; correct: tf.Scalar; tasks: number } {
  const { size: B, taskPad: N, processorPad: M } = batch;
  const labels = batch.labels!;
  const clamped = Int32Array.from(labels, (l) => (l < 0 ? 0 : l));
  const oneHot = tf.oneHot(tf.tensor2d(clamped, [B, N], 'int32'), M); // [B, N, M]
  const taskMask = tf.tensor2d(batch.taskMask, [B, N]);
  let tasks = 0;
  for (let i = 0; i < batch.taskMask.length; i++) tasks += batch.taskMask[i]!;
  const logProbabilities = tf.logSoftmax(output.logits, 2);
  const crossEntropy = logProbabilities.mul(oneHot).sum(2).mul(taskMask).sum().neg().div(tasks);
  const predictedTimes = output.times.mul(oneHot.expandDims(3)).sum(2); // [B, N, 2]
  const targetTimes = tf.tensor3d(batch.times!, [B, N, 2]);
  const mse = predictedTimes.sub(targetTimes).square().sum(2).mul(taskMask).sum().div(2 * tasks);
  const loss = crossEntropy.add(mse.mul(net.config.regressionWeight)) as tf.Scalar;
  const hit = tf.equal(output.logits.argMax(2), tf.tensor2d(labels, [B, N], 'int32'));
  const correct = hit.cast('float32').mul(taskMask).sum() as tf.Scalar;
  return { loss, correct, tasks };
}

export interface Prediction {
  /** [taskCount, processorCount] by task index (not sequence position): softmax over processors. */
  probabilities: Float32Array;
  /** [taskCount, processorCount, 2] by task index: predicted start and finish, in the problem's time units. */
  times: Float32Array;
}

/** Tasks per chunk of the pair tensors: bounds memory on 10,000-task problems (chunk x M x F floats at once). */
const PAIR_CHUNK = 2048;

/** Inference on one problem, unpadded: tensor ops for the dense parts, the GRU recurrence on Float32Array. */
export function predict(net: DeepSchedNetwork, encoded: EncodedProblem): Prediction {
  if (net.config.autoregressive) throw new DeepSchedError('an autoregressive model predicts task by task while decoding (predictBase + HeadArrays)');
  const n = encoded.taskCount;
  const m = encoded.processorCount;
  const probabilities = new Float32Array(n * m);
  const times = new Float32Array(n * m * 2);
  if (n === 0) return { probabilities, times };
  const G = net.config.gruUnits;
  const forward = gruArrays(net, 'forward', encoded, false);
  const backward = gruArrays(net, 'backward', encoded, true);
  const gruOut = new Float32Array(n * (2 * G + TASK_FEATURES));
  for (let k = 0; k < n; k++) {
    const row = gruOut.subarray(k * (2 * G + TASK_FEATURES));
    row.set(forward.subarray(k * G, (k + 1) * G), 0);
    row.set(backward.subarray(k * G, (k + 1) * G), G);
    row.set(encoded.task.subarray(k * TASK_FEATURES, (k + 1) * TASK_FEATURES), 2 * G);
  }
  const fusedMachine = tf.tidy(() => {
    const processor = tf.tensor3d(encoded.processor, [1, m, PROCESSOR_FEATURES]);
    const machine = machineEncoder(net, processor, tf.ones([1, m]));
    return dense(machine.squeeze([0]), net.w('fusion/machine')).expandDims(0); // [1, m, F]
  });
  try {
    for (let from = 0; from < n; from += PAIR_CHUNK) {
      const to = Math.min(n, from + PAIR_CHUNK);
      const c = to - from;
      const [logits, pairTimes] = tf.tidy(() => {
        const input = tf.tensor2d(gruOut.subarray(from * (2 * G + TASK_FEATURES), to * (2 * G + TASK_FEATURES)), [c, 2 * G + TASK_FEATURES]);
        const taskRep = tf.relu(dense(input, net.w('task/dense/kernel'), net.w('task/dense/bias')));
        const pair = tf.tensor3d(encoded.pair.subarray(from * m * PAIR_FEATURES, to * m * PAIR_FEATURES), [c, m, PAIR_FEATURES]);
        const fused = tf.relu(dense(taskRep, net.w('fusion/task')).expandDims(1).add(fusedMachine).add(dense(pair, net.w('fusion/pair'))).add(net.w('fusion/bias')));
        const hidden = tf.relu(dense(fused, net.w('head/hidden/kernel'), net.w('head/hidden/bias')));
        const logits = dense(hidden, net.w('head/classifier/kernel'), net.w('head/classifier/bias')).squeeze([2]);
        return [tf.softmax(logits, 1), dense(hidden, net.w('head/regressor/kernel'), net.w('head/regressor/bias'))];
      });
      const p = logits!.dataSync();
      const tt = pairTimes!.dataSync();
      logits!.dispose();
      pairTimes!.dispose();
      for (let k = from; k < to; k++) {
        const t = encoded.order[k]!;
        probabilities.set(p.subarray((k - from) * m, (k - from + 1) * m), t * m);
        for (let q = 0; q < 2 * m; q++) times[t * m * 2 + q] = tt[(k - from) * m * 2 + q]! * encoded.timeScale;
      }
    }
  } finally {
    fusedMachine.dispose();
  }
  return { probabilities, times };
}

/** The GRU recurrence on Float32Array: the same equations as gruTensor, one task at a time. */
function gruArrays(net: DeepSchedNetwork, d: string, encoded: EncodedProblem, reverse: boolean): Float32Array {
  const n = encoded.taskCount;
  const G = net.config.gruUnits;
  const projected = tf.tidy(() =>
    dense(tf.tensor2d(encoded.task, [n, TASK_FEATURES]), net.w(`gru_${d}/kernel`), net.w(`gru_${d}/bias`)),
  );
  const x = projected.dataSync() as Float32Array;
  projected.dispose();
  const U = net.w(`gru_${d}/recurrent`).dataSync() as Float32Array; // [G, 3G]
  const bu = net.w(`gru_${d}/recurrent_bias`).dataSync() as Float32Array;
  const out = new Float32Array(n * G);
  const h = new Float32Array(G);
  const hp = new Float32Array(3 * G);
  for (let s = 0; s < n; s++) {
    const k = reverse ? n - 1 - s : s;
    hp.set(bu);
    for (let i = 0; i < G; i++) {
      const hi = h[i]!;
      if (hi === 0) continue;
      const row = i * 3 * G;
      for (let j = 0; j < 3 * G; j++) hp[j]! += hi * U[row + j]!;
    }
    const xk = k * 3 * G;
    for (let j = 0; j < G; j++) {
      const z = 1 / (1 + Math.exp(-(x[xk + j]! + hp[j]!)));
      const r = 1 / (1 + Math.exp(-(x[xk + G + j]! + hp[G + j]!)));
      const c = Math.tanh(x[xk + 2 * G + j]! + r * hp[2 * G + j]!);
      h[j] = h[j]! + (1 - z) * (c - h[j]!);
    }
    out.set(h, k * G);
  }
  return out;
}

/**
 * Autoregressive inference, first half: the encoders and the static part of the fusion layer (everything but the
 * placed-predecessor term), pre-activation, [taskCount, processorCount, fusion] by task index. The decoder adds the
 * placed term task by task and runs the heads with `HeadArrays`.
 */
export function predictBase(net: DeepSchedNetwork, encoded: EncodedProblem): Float32Array {
  const n = encoded.taskCount;
  const m = encoded.processorCount;
  const F = net.config.fusion;
  const base = new Float32Array(n * m * F);
  if (n === 0) return base;
  const G = net.config.gruUnits;
  const width = 2 * G + TASK_FEATURES;
  const forward = gruArrays(net, 'forward', encoded, false);
  const backward = gruArrays(net, 'backward', encoded, true);
  const gruOut = new Float32Array(n * width);
  for (let k = 0; k < n; k++) {
    const row = gruOut.subarray(k * width);
    row.set(forward.subarray(k * G, (k + 1) * G), 0);
    row.set(backward.subarray(k * G, (k + 1) * G), G);
    row.set(encoded.task.subarray(k * TASK_FEATURES, (k + 1) * TASK_FEATURES), 2 * G);
  }
  const fusedMachine = tf.tidy(() => {
    const machine = machineEncoder(net, tf.tensor3d(encoded.processor, [1, m, PROCESSOR_FEATURES]), tf.ones([1, m]));
    return dense(machine.squeeze([0]), net.w('fusion/machine')).expandDims(0);
  });
  try {
    for (let from = 0; from < n; from += PAIR_CHUNK) {
      const to = Math.min(n, from + PAIR_CHUNK);
      const c = to - from;
      const pre = tf.tidy(() => {
        const taskRep = tf.relu(dense(tf.tensor2d(gruOut.subarray(from * width, to * width), [c, width]), net.w('task/dense/kernel'), net.w('task/dense/bias')));
        const pair = tf.tensor3d(encoded.pair.subarray(from * m * PAIR_FEATURES, to * m * PAIR_FEATURES), [c, m, PAIR_FEATURES]);
        return dense(taskRep, net.w('fusion/task')).expandDims(1).add(fusedMachine).add(dense(pair, net.w('fusion/pair'))).add(net.w('fusion/bias'));
      });
      const values = pre.dataSync();
      pre.dispose();
      for (let k = from; k < to; k++) base.set(values.subarray((k - from) * m * F, (k - from + 1) * m * F), encoded.order[k]! * m * F);
    }
  } finally {
    fusedMachine.dispose();
  }
  return base;
}

/** The heads of an autoregressive model on Float32Array: one task at a time, given its placed-predecessor features. */
export class HeadArrays {
  private readonly F: number;
  private readonly placedKernel: Float32Array;
  private readonly hiddenKernel: Float32Array;
  private readonly hiddenBias: Float32Array;
  private readonly classifier: Float32Array;
  private readonly classifierBias: number;
  private readonly regressor: Float32Array;
  private readonly regressorBias: Float32Array;
  private readonly fused: Float32Array;
  private readonly hidden: Float32Array;

  constructor(net: DeepSchedNetwork) {
    const data = (name: string) => net.w(name).dataSync() as Float32Array;
    this.F = net.config.fusion;
    this.placedKernel = data('fusion/placed');
    this.hiddenKernel = data('head/hidden/kernel');
    this.hiddenBias = data('head/hidden/bias');
    this.classifier = data('head/classifier/kernel');
    this.classifierBias = data('head/classifier/bias')[0]!;
    this.regressor = data('head/regressor/kernel');
    this.regressorBias = data('head/regressor/bias');
    this.fused = new Float32Array(this.F);
    this.hidden = new Float32Array(this.F);
  }

  /**
   * Logits [m] and times [m, 2] (over the time scale) of task t; `base` from predictBase, `placed` its
   * [m, PLACED_FEATURES] features.
   */
  evaluate(base: Float32Array, t: number, m: number, placed: Float32Array, logits: Float32Array, times: Float32Array): void {
    const F = this.F;
    const { fused, hidden } = this;
    for (let p = 0; p < m; p++) {
      const row = (t * m + p) * F;
      for (let j = 0; j < F; j++) {
        let v = base[row + j]!;
        for (let q = 0; q < PLACED_FEATURES; q++) v += placed[p * PLACED_FEATURES + q]! * this.placedKernel[q * F + j]!;
        fused[j] = v > 0 ? v : 0;
      }
      hidden.set(this.hiddenBias);
      for (let i = 0; i < F; i++) {
        const v = fused[i]!;
        if (v === 0) continue;
        const k = i * F;
        for (let j = 0; j < F; j++) hidden[j]! += v * this.hiddenKernel[k + j]!;
      }
      let logit = this.classifierBias;
      let start = this.regressorBias[0]!;
      let finish = this.regressorBias[1]!;
      for (let j = 0; j < F; j++) {
        const h = hidden[j]! > 0 ? hidden[j]! : 0;
        logit += h * this.classifier[j]!;
        start += h * this.regressor[2 * j]!;
        finish += h * this.regressor[2 * j + 1]!;
      }
      logits[p] = logit;
      times[2 * p] = start;
      times[2 * p + 1] = finish;
    }
  }
}
