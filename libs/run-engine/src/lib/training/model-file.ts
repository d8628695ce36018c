/**
 * What the host needs to know about a trained model file without loading TensorFlow.js: its metadata. The layout
 * is the DeepSched model file's (libs/schedulers/deepsched serialize.ts): "DSCHEDM\0", uint32 format version,
 * uint32 header length H, then H bytes of UTF-8 JSON `{ metadata, ... }`, little-endian.
 */
export interface StoredModelMetadata {
  version: string;
  createdAt?: string;
  config: Record<string, unknown>;
  metrics: Record<string, number>;
  training?: Record<string, unknown>;
  [key: string]: unknown;
}

const MAGIC = 'DSCHEDM\0';

export function readModelMetadata(bytes: Uint8Array): StoredModelMetadata {
  if (bytes.length < 16) throw new Error(`model file: ${bytes.length} bytes is too short to be a model`);
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) throw new Error('model file: not a DeepSched model (wrong magic bytes)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(12, true);
  if (16 + length > bytes.length) throw new Error('model file: truncated header');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length))) as { metadata?: StoredModelMetadata };
  const metadata = header.metadata;
  if (!metadata || typeof metadata.version !== 'string') throw new Error('model file: the header has no metadata.version');
  return { ...metadata, config: metadata.config ?? {}, metrics: metadata.metrics ?? {} };
}
