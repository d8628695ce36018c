import { PAIR_FEATURES, PLACED_FEATURES, PROCESSOR_FEATURES, TASK_FEATURES } from './features.js';
import type { ModelConfig } from './types.js';

/** One weight of the network: its name in the model file and its shape. */
export interface WeightSpec {
  name: string;
  shape: number[];
}

/** The network's weights for a config, in model-file order (README, "Architecture"). No TensorFlow.js needed. */
export function weightSpecs(config: ModelConfig): WeightSpec[] {
  const { gruUnits: G, hidden: H, fusion: F } = config;
  const gru = (d: string): WeightSpec[] => [
    { name: `gru_${d}/kernel`, shape: [TASK_FEATURES, 3 * G] },
    { name: `gru_${d}/recurrent`, shape: [G, 3 * G] },
    { name: `gru_${d}/bias`, shape: [3 * G] },
    { name: `gru_${d}/recurrent_bias`, shape: [3 * G] },
  ];
  return [
    { name: 'machine/conv1d_k1/kernel', shape: [PROCESSOR_FEATURES, H] },
    { name: 'machine/conv1d_k1/bias', shape: [H] },
    { name: 'machine/dense/kernel', shape: [2 * H, H] },
    { name: 'machine/dense/bias', shape: [H] },
    ...gru('forward'),
    ...gru('backward'),
    { name: 'task/dense/kernel', shape: [2 * G + TASK_FEATURES, H] },
    { name: 'task/dense/bias', shape: [H] },
    { name: 'fusion/task', shape: [H, F] },
    { name: 'fusion/machine', shape: [H, F] },
    { name: 'fusion/pair', shape: [PAIR_FEATURES, F] },
    { name: 'fusion/bias', shape: [F] },
    ...(config.autoregressive ? [{ name: 'fusion/placed', shape: [PLACED_FEATURES, F] }] : []),
    { name: 'head/hidden/kernel', shape: [F, F] },
    { name: 'head/hidden/bias', shape: [F] },
    { name: 'head/classifier/kernel', shape: [F, 1] },
    { name: 'head/classifier/bias', shape: [1] },
    { name: 'head/regressor/kernel', shape: [F, 2] },
    { name: 'head/regressor/bias', shape: [2] },
  ];
}

