import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) of a document's canonical form, so that equal documents get equal hashes whatever their key order.
 *
 * Canonical form: object keys sorted (by UTF-16 code units), numbers as IEEE-754 doubles with -0 written as 0 and
 * every NaN alike, strings as UTF-16. Properties whose value is `undefined` are skipped and `undefined` array
 * elements count as null, as in JSON. Two documents that serialise to the same JSON up to key order hash alike; any
 * other difference (task order, one digit of one cost) changes the hash.
 *
 * For speed on large workflows (6.4 million costs) the canonical form is written as two streams, hashed separately
 * and then together: the structure (type tags, lengths, strings, and for each object the digest of its sorted key
 * list, computed once per distinct key list) and the numbers (a Float64Array, in document order). The pair of
 * streams determines the document, so this is as collision-resistant as hashing one stream.
 *
 * `domain` separates kinds of documents (a workflow and a cluster never share a hash).
 */
export function contentHash(domain: string, value: unknown): string {
  const writer = new CanonicalWriter();
  writer.string(`hetsched:${domain}:v1`);
  writer.value(value, '');
  return writer.digest();
}

const CHUNK = 1 << 16;
/** Strings up to this many code units are written unit by unit; longer ones with Buffer#write. */
const SHORT_STRING = 32;
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const NUMBER = 3;
const STRING = 4;
const ARRAY = 5;
const OBJECT = 6;

interface KeyShape {
  /** keys in the order the object had them */
  keys: string[];
  /** the same keys sorted */
  sorted: string[];
  /** SHA-256 of the sorted key list */
  digest: Buffer;
}

class CanonicalWriter {
  private readonly structure = createHash('sha256');
  private readonly numbers = createHash('sha256');
  private readonly bytes = Buffer.allocUnsafe(CHUNK);
  private at = 0;
  private readonly floats = new Float64Array(CHUNK / 8);
  private floatCount = 0;
  /** Per structural path (".tasks[].costs"), the last key shape seen there: documents repeat their shapes. */
  private readonly shapes = new Map<string, KeyShape>();
  private readonly shapesBySignature = new Map<string, KeyShape>();
  private readonly childPaths = new Map<string, Map<string, string>>();

  private ensure(bytes: number): void {
    if (this.at + bytes <= CHUNK) return;
    this.structure.update(this.bytes.subarray(0, this.at));
    this.at = 0;
  }

  private tag(tag: number): void {
    this.ensure(1);
    this.bytes[this.at++] = tag;
  }

  private uint32(n: number): void {
    this.ensure(4);
    this.bytes.writeUInt32LE(n, this.at);
    this.at += 4;
  }

  private number(n: number): void {
    this.tag(NUMBER);
    if (this.floatCount === this.floats.length) {
      this.numbers.update(new Uint8Array(this.floats.buffer));
      this.floatCount = 0;
    }
    this.floats[this.floatCount++] = n === 0 ? 0 : n === n ? n : NaN;
  }

  string(s: string): void {
    this.tag(STRING);
    this.uint32(s.length);
    if (s.length * 2 > CHUNK) {
      this.structure.update(this.bytes.subarray(0, this.at));
      this.at = 0;
      this.structure.update(Buffer.from(s, 'utf16le'));
      return;
    }
    this.ensure(s.length * 2);
    if (s.length > SHORT_STRING) {
      this.at += this.bytes.write(s, this.at, 'utf16le');
      return;
    }
    // Ids and keys are short: writing their UTF-16 code units (lone surrogates too, as 'utf16le' does) one by one
    // costs less than Buffer#write's call and encoding lookup.
    const bytes = this.bytes;
    let at = this.at;
    for (let i = 0; i < s.length; i++) {
      const unit = s.charCodeAt(i);
      bytes[at++] = unit & 0xff;
      bytes[at++] = unit >>> 8;
    }
    this.at = at;
  }

  value(value: unknown, path: string): void {
    switch (typeof value) {
      case 'number':
        this.number(value);
        return;
      case 'string':
        this.string(value);
        return;
      case 'boolean':
        this.tag(value ? TRUE : FALSE);
        return;
      case 'undefined':
        this.tag(NULL);
        return;
      case 'object':
        if (value === null) {
          this.tag(NULL);
        } else if (Array.isArray(value)) {
          this.tag(ARRAY);
          this.uint32(value.length);
          const itemPath = `${path}[]`;
          for (let i = 0; i < value.length; i++) this.value(value[i], itemPath);
        } else {
          this.object(value as Record<string, unknown>, path);
        }
        return;
      default:
        throw new TypeError(`cannot hash a ${typeof value}`);
    }
  }

  private object(value: Record<string, unknown>, path: string): void {
    const shape = this.shapeOf(value, path);
    this.tag(OBJECT);
    this.ensure(32);
    shape.digest.copy(this.bytes, this.at);
    this.at += 32;
    for (const key of shape.sorted) {
      const item = value[key];
      // Paths only key the shape cache, which only objects use.
      this.value(item, typeof item === 'object' && item !== null ? this.childPath(path, key) : path);
    }
  }

  /**
   * `${path}.${key}`, the same string each time: a new one per object (each task's ".tasks[].costs") had to be
   * flattened and hashed again for every shape lookup.
   */
  private childPath(path: string, key: string): string {
    let byKey = this.childPaths.get(path);
    if (byKey === undefined) this.childPaths.set(path, (byKey = new Map()));
    let child = byKey.get(key);
    if (child === undefined) byKey.set(key, (child = `${path}.${key}`));
    return child;
  }

  /** The object's shape (keys with a defined value); allocation-free when it repeats the last shape at this path. */
  private shapeOf(value: Record<string, unknown>, path: string): KeyShape {
    const last = this.shapes.get(path);
    if (last !== undefined) {
      const keys = last.keys;
      let i = 0;
      let same = true;
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        if (value[key] === undefined) continue;
        if (i >= keys.length || keys[i] !== key) {
          same = false;
          break;
        }
        i++;
      }
      if (same && i === keys.length) return last;
    }
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    const signature = JSON.stringify(keys);
    let shape = this.shapesBySignature.get(signature);
    if (shape === undefined) {
      const sorted = [...keys].sort();
      const digest = createHash('sha256');
      const length = Buffer.allocUnsafe(4);
      length.writeUInt32LE(sorted.length);
      digest.update(length);
      for (const key of sorted) {
        length.writeUInt32LE(key.length);
        digest.update(length);
        digest.update(Buffer.from(key, 'utf16le'));
      }
      shape = { keys, sorted, digest: digest.digest() };
      this.shapesBySignature.set(signature, shape);
    }
    this.shapes.set(path, shape);
    return shape;
  }

  digest(): string {
    this.structure.update(this.bytes.subarray(0, this.at));
    this.numbers.update(new Uint8Array(this.floats.buffer, 0, this.floatCount * 8));
    return createHash('sha256').update(this.structure.digest()).update(this.numbers.digest()).digest('hex');
  }
}
