import type * as tf from '@tensorflow/tfjs';
import { FEATURE_SET } from './features.js';
import { DeepSchedNetwork, toVariable, weightSpecs } from './network.js';
import { DeepSchedError, type DeepSchedModel, type ModelConfig, type ModelMetadata } from './types.js';

/**
 * The model file (".dsm"): one self-contained binary, little-endian.
 *
 *   bytes 0-7    magic "DSCHEDM\0"
 *   bytes 8-11   uint32 format version (1)
 *   bytes 12-15  uint32 header length H in bytes
 *   16 .. 16+H   UTF-8 JSON header: { metadata, featureSet, weights: [{ name, shape, offset, length }] }
 *   then zero padding to a multiple of 4, then the float32 weight data; offsets and lengths count floats from there.
 */
export const MODEL_MAGIC = 'DSCHEDM\0';
export const MODEL_FORMAT_VERSION = 1;

interface Header {
  metadata: ModelMetadata;
  featureSet: number;
  weights: { name: string; shape: number[]; offset: number; length: number }[];
}

export function serializeModel(model: DeepSchedModel): Uint8Array {
  const net = asNetwork(model);
  const specs = weightSpecs(net.config);
  const header: Header = { metadata: net.metadata, featureSet: FEATURE_SET, weights: [] };
  let offset = 0;
  const values: Float32Array[] = [];
  for (const spec of specs) {
    const data = net.w(spec.name).dataSync() as Float32Array;
    header.weights.push({ name: spec.name, shape: spec.shape, offset, length: data.length });
    values.push(data);
    offset += data.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align4(16 + json.length);
  const bytes = new Uint8Array(dataStart + offset * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 8; i++) bytes[i] = MODEL_MAGIC.charCodeAt(i);
  view.setUint32(8, MODEL_FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, 16);
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
  if (!(bytes instanceof Uint8Array)) throw new DeepSchedError(`${what}: expected bytes (Uint8Array), got ${typeof bytes}`);
  if (bytes.length < 16) throw new DeepSchedError(`${what}: ${bytes.length} bytes is too short to be a model (truncated?)`);
  for (let i = 0; i < 8; i++) {
    if (bytes[i] !== MODEL_MAGIC.charCodeAt(i)) {
      throw new DeepSchedError(`${what}: not a DeepSched model (bad magic: expected "DSCHEDM", the file starts with ${hex(bytes.subarray(0, 8))})`);
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== MODEL_FORMAT_VERSION) {
    throw new DeepSchedError(`${what}: format version ${version}, this build reads version ${MODEL_FORMAT_VERSION}`);
  }
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > bytes.length) throw new DeepSchedError(`${what}: truncated: the header needs ${headerLength} bytes, ${bytes.length - 16} remain`);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(16, 16 + headerLength))) as Header;
  } catch (error) {
    throw new DeepSchedError(`${what}: the header is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const metadata = header?.metadata;
  if (typeof metadata?.version !== 'string' || typeof metadata.config !== 'object' || !Array.isArray(header.weights)) {
    throw new DeepSchedError(`${what}: the header lacks metadata.version, metadata.config or weights`);
  }
  if (header.featureSet !== FEATURE_SET) {
    throw new DeepSchedError(`${what}: model ${metadata.version} was trained on feature set ${header.featureSet}, this build computes feature set ${FEATURE_SET}; retrain it`);
  }
  checkConfig(metadata.config, what);
  const dataStart = align4(16 + headerLength);
  const floats = Math.floor((bytes.length - dataStart) / 4);
  const byName = new Map(header.weights.map((w) => [w.name, w]));
  const weights = new Map<string, tf.Variable>();
  try {
    for (const spec of weightSpecs(metadata.config)) {
      const stored = byName.get(spec.name);
      if (stored === undefined) throw new DeepSchedError(`${what}: weight "${spec.name}" is missing`);
      const expected = spec.shape.reduce((a, b) => a * b, 1);
      if (stored.shape.join('x') !== spec.shape.join('x') || stored.length !== expected) {
        throw new DeepSchedError(`${what}: weight "${spec.name}" has shape [${stored.shape}], the config gives [${spec.shape}]`);
      }
      if (!(stored.offset >= 0) || stored.offset + stored.length > floats) {
        throw new DeepSchedError(`${what}: truncated: weight "${spec.name}" needs floats ${stored.offset}..${stored.offset + stored.length}, the file holds ${floats}`);
      }
      const values = new Float32Array(expected);
      const base = dataStart + stored.offset * 4;
      for (let i = 0; i < expected; i++) values[i] = view.getFloat32(base + i * 4, true);
      weights.set(spec.name, toVariable(values, spec.shape, true));
    }
  } catch (error) {
    for (const v of weights.values()) v.dispose();
    throw error;
  }
  return new DeepSchedNetwork(metadata, weights);
}

function checkConfig(config: ModelConfig, what: string): void {
  for (const key of ['maxProcessors', 'gruUnits', 'hidden', 'fusion'] as const) {
    const value = config[key];
    if (!Number.isInteger(value) || value < 1 || value > 4096) {
      throw new DeepSchedError(`${what}: metadata.config.${key} must be an integer in 1..4096, got ${JSON.stringify(value)}`);
    }
  }
  if (config.autoregressive !== undefined && typeof config.autoregressive !== 'boolean') {
    throw new DeepSchedError(`${what}: metadata.config.autoregressive must be a boolean, got ${JSON.stringify(config.autoregressive)}`);
  }
  if (typeof config.regressionWeight !== 'number' || !(config.regressionWeight >= 0)) {
    throw new DeepSchedError(`${what}: metadata.config.regressionWeight must be a number >= 0, got ${JSON.stringify(config.regressionWeight)}`);
  }
}

export function asNetwork(model: DeepSchedModel): DeepSchedNetwork {
  if (!(model instanceof DeepSchedNetwork)) throw new DeepSchedError('not a DeepSched model made by this library (use loadModel or trainModel)');
  return model;
}

const align4 = (x: number) => (x + 3) & ~3;
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
