import type * as tf from '@tensorflow/tfjs';
import { FEATURE_SET } from './features.js';
import { align4, MODEL_FORMAT_VERSION, MODEL_MAGIC, MODEL_PREAMBLE_BYTES, readModelFile, type ModelFileHeader } from './model-file.js';
import { DeepSchedNetwork, toVariable } from './network.js';
import { DeepSchedError, type DeepSchedModel } from './types.js';
import { weightSpecs } from './weight-specs.js';

/** The model file of a model (layout in model-file.ts): its metadata, this build's feature set, its weights. */
export function serializeModel(model: DeepSchedModel): Uint8Array {
  const net = asNetwork(model);
  const header: ModelFileHeader = { metadata: net.metadata, featureSet: FEATURE_SET, weights: [] };
  let offset = 0;
  const values: Float32Array[] = [];
  for (const spec of weightSpecs(net.config)) {
    const data = net.w(spec.name).dataSync() as Float32Array;
    header.weights.push({ name: spec.name, shape: spec.shape, offset, length: data.length });
    values.push(data);
    offset += data.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align4(MODEL_PREAMBLE_BYTES + json.length);
  const bytes = new Uint8Array(dataStart + offset * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MODEL_MAGIC.length; i++) bytes[i] = MODEL_MAGIC.charCodeAt(i);
  view.setUint32(8, MODEL_FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, MODEL_PREAMBLE_BYTES);
  let at = dataStart;
  for (const data of values) {
    for (let i = 0; i < data.length; i++, at += 4) view.setFloat32(at, data[i]!, true);
  }
  return bytes;
}

export async function loadModel(bytes: Uint8Array): Promise<DeepSchedModel> {
  return parseModel(bytes);
}

/** Synchronous parse (loadModel is async only to leave room for a backend that loads weights asynchronously). */
export function parseModel(bytes: Uint8Array, what = 'deepsched model file'): DeepSchedNetwork {
  const { metadata, weights: located, view } = readModelFile(bytes, what);
  const weights = new Map<string, tf.Variable>();
  for (const weight of located) {
    const values = new Float32Array(weight.length);
    for (let i = 0; i < weight.length; i++) values[i] = view.getFloat32(weight.byteOffset + i * 4, true);
    weights.set(weight.name, toVariable(values, weight.shape, true));
  }
  return new DeepSchedNetwork(metadata, weights);
}

export function asNetwork(model: DeepSchedModel): DeepSchedNetwork {
  if (!(model instanceof DeepSchedNetwork)) throw new DeepSchedError('not a DeepSched model made by this library (use loadModel or trainModel)');
  return model;
}
