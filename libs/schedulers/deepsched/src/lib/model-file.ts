import { FEATURE_SET } from './features.js';
import { DeepSchedError, type ModelConfig, type ModelMetadata } from './types.js';
import { weightSpecs, type WeightSpec } from './weight-specs.js';

/**
 * The model file (".dsm"): one self-contained binary, little-endian.
 *
 *   bytes 0-7    magic "DSCHEDM\0"
 *   bytes 8-11   uint32 format version (1)
 *   bytes 12-15  uint32 header length H in bytes
 *   16 .. 16+H   UTF-8 JSON header: { metadata, featureSet, weights: [{ name, shape, offset, length }] }
 *   then zero padding to a multiple of 4, then the float32 weight data; offsets and lengths count floats from there.
 *
 * This module reads and checks everything but the weight values, without TensorFlow.js: hosts describe a model
 * file (its id and metrics) without paying for the ~0.4 s import, and serialize.ts builds the tensors from what
 * it returns.
 */
export const MODEL_MAGIC = 'DSCHEDM\0';
export const MODEL_FORMAT_VERSION = 1;
/** Magic (8 bytes), format version and header length (4 each). */
export const MODEL_PREAMBLE_BYTES = 16;
/** Config sizes outside 1..this are refused: no real model is that wide, and a typo must not allocate gigabytes. */
const MAX_CONFIG_SIZE = 4096;

export interface ModelFileHeader {
  metadata: ModelMetadata;
  featureSet: number;
  weights: { name: string; shape: number[]; offset: number; length: number }[];
}

/** A weight found in a checked file: its spec and where its floats start (a byte offset into the file). */
export interface LocatedWeight extends WeightSpec {
  byteOffset: number;
  length: number;
}

/** What a checked model file holds: its header's metadata, and every weight of its config, located. */
export interface ModelFileContents {
  metadata: ModelMetadata;
  weights: LocatedWeight[];
  view: DataView;
}

/**
 * Checks a model file and locates its weights: magic, format version, header (JSON with metadata, a config in
 * bounds, this build's feature set) and every weight the config calls for, with its shape and its floats inside
 * the file. Throws DeepSchedError naming `what` and the fault. O(header + number of weights); reads no weight value.
 */
export function readModelFile(bytes: Uint8Array, what = 'deepsched model file'): ModelFileContents {
  const { header, view, dataStart } = readHeader(bytes, what);
  const metadata = header.metadata;
  if (header.featureSet !== FEATURE_SET) {
    throw new DeepSchedError(`${what}: model ${metadata.version} was trained on feature set ${header.featureSet}, this build computes feature set ${FEATURE_SET}; retrain it`);
  }
  checkConfig(metadata.config, what);
  const floats = Math.floor((bytes.length - dataStart) / 4);
  const byName = new Map(header.weights.map((w) => [w.name, w]));
  const weights = weightSpecs(metadata.config).map((spec): LocatedWeight => {
    const stored = byName.get(spec.name);
    if (stored === undefined) throw new DeepSchedError(`${what}: weight "${spec.name}" is missing`);
    const expected = spec.shape.reduce((a, b) => a * b, 1);
    if (stored.shape.join('x') !== spec.shape.join('x') || stored.length !== expected) {
      throw new DeepSchedError(`${what}: weight "${spec.name}" has shape [${stored.shape}], the config gives [${spec.shape}]`);
    }
    if (!(stored.offset >= 0) || stored.offset + stored.length > floats) {
      throw new DeepSchedError(`${what}: truncated: weight "${spec.name}" needs floats ${stored.offset}..${stored.offset + stored.length}, the file holds ${floats}`);
    }
    return { ...spec, byteOffset: dataStart + stored.offset * 4, length: expected };
  });
  return { metadata, weights, view };
}

/** The metadata of a model file, checked as readModelFile checks the whole file (no TensorFlow.js). */
export function describeModelFile(bytes: Uint8Array, what?: string): ModelMetadata {
  return readModelFile(bytes, what).metadata;
}

/** The preamble and the JSON header, checked; where the weight data starts. */
function readHeader(bytes: Uint8Array, what: string): { header: ModelFileHeader; view: DataView; dataStart: number } {
  if (!(bytes instanceof Uint8Array)) throw new DeepSchedError(`${what}: expected bytes (Uint8Array), got ${typeof bytes}`);
  if (bytes.length < MODEL_PREAMBLE_BYTES) throw new DeepSchedError(`${what}: ${bytes.length} bytes is too short to be a model (truncated?)`);
  for (let i = 0; i < MODEL_MAGIC.length; i++) {
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
  if (MODEL_PREAMBLE_BYTES + headerLength > bytes.length) {
    throw new DeepSchedError(`${what}: truncated: the header needs ${headerLength} bytes, ${bytes.length - MODEL_PREAMBLE_BYTES} remain`);
  }
  let header: ModelFileHeader;
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(MODEL_PREAMBLE_BYTES, MODEL_PREAMBLE_BYTES + headerLength));
    header = JSON.parse(json) as ModelFileHeader;
  } catch (error) {
    throw new DeepSchedError(`${what}: the header is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const metadata = header?.metadata;
  if (typeof metadata?.version !== 'string' || typeof metadata.config !== 'object' || metadata.config === null || !Array.isArray(header.weights)) {
    throw new DeepSchedError(`${what}: the header lacks metadata.version, metadata.config or weights`);
  }
  return { header, view, dataStart: align4(MODEL_PREAMBLE_BYTES + headerLength) };
}

function checkConfig(config: ModelConfig, what: string): void {
  for (const key of ['maxProcessors', 'gruUnits', 'hidden', 'fusion'] as const) {
    const value = config[key];
    if (!Number.isInteger(value) || value < 1 || value > MAX_CONFIG_SIZE) {
      throw new DeepSchedError(`${what}: metadata.config.${key} must be an integer in 1..${MAX_CONFIG_SIZE}, got ${JSON.stringify(value)}`);
    }
  }
  if (config.autoregressive !== undefined && typeof config.autoregressive !== 'boolean') {
    throw new DeepSchedError(`${what}: metadata.config.autoregressive must be a boolean, got ${JSON.stringify(config.autoregressive)}`);
  }
  if (typeof config.regressionWeight !== 'number' || !(config.regressionWeight >= 0)) {
    throw new DeepSchedError(`${what}: metadata.config.regressionWeight must be a number >= 0, got ${JSON.stringify(config.regressionWeight)}`);
  }
}

/** The byte where the weight data starts after a header ending at `x`: float32 data is 4-byte aligned. */
export const align4 = (x: number): number => (x + 3) & ~3;
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
