import { fromExactJson, parseExact, setOwn, stringifyExact, toExactJson } from './exact-json.js';

/**
 * A compact, exact binary encoding of JSON-like documents whose bulk is arrays of similar objects (a workflow's
 * tasks and edges, a cluster's processors and links, a run's assignments).
 *
 * Layout: `"HSD" 0x01 | u32 LE header length | header (exact JSON, UTF-8) | padding to 8 | sections`. Each
 * declared array of objects (a *table*) is stored by column: numbers in Float64Array sections (bit-exact: -0, NaN
 * and every double survive), references to another table's ids as Int32 indices, records of numbers (a task's
 * `costs`) as a shared key list plus Float64 values, strings in the header. What a schema does not declare (extra
 * fields, values of unexpected types, non-object rows) goes to the header as exact JSON, so the round trip is exact
 * for any document: same keys in the same order, same values.
 */

export type ColumnKind =
  /** a string, kept in the header */
  | 'string'
  /** a string from a small set (processor ids in assignments), stored as an index into a dictionary */
  | 'dictString'
  /** a number, as float64 */
  | 'number'
  /** a string naming a row of the referenced table by its id column; stored as that row's index */
  | 'ref'
  /** a pair of refs, `[a, b]` (a link's `between`) */
  | 'refPair'
  /** a plain object whose values are all numbers (a task's `costs`) */
  | 'numberRecord';

export interface TableSchema {
  kind: 'table';
  columns: Record<string, ColumnKind>;
  /** The column (of kind 'string') that other tables' refs name. */
  idColumn?: string;
  /** For 'ref' and 'refPair' columns: the path of the table they refer to (e.g. "tasks"). */
  refersTo?: string;
}

export interface ObjectSchema {
  kind: 'object';
  fields: Record<string, NodeSchema>;
}

export type NodeSchema = TableSchema | ObjectSchema;

const MAGIC = [0x48, 0x53, 0x44, 0x01]; // "HSD", version 1
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type SectionType = 'f64' | 'i32';
type SectionArray = Float64Array | Int32Array;
type Token = number | string;

interface TableHeader {
  n: number;
  shapes: Token[][];
  /** rows whose shape is not shapes[0] (absent: every row has shape 0); index -1 is a non-object row */
  shapeSection?: string;
  cols: Record<string, ColumnHeader>;
  /** [row, values of the extra keys in shape order] or, for a non-object row, [row, the row itself] */
  extras: [number, unknown][];
}

type ColumnHeader =
  | { kind: 'string'; values: string[] }
  | { kind: 'dictString'; dict: string[]; section: string }
  | { kind: 'number'; section: string }
  | { kind: 'ref' | 'refPair'; section: string; foreign: string[] }
  | { kind: 'numberRecord'; shapes: string[][]; shapeSection: string; valueSection: string };

interface ObjectHeader {
  keys: Token[];
  /** Fields of the object schema are tokens (index into the schema's field list); others are extra keys. */
  extras: unknown[];
  nodes: Record<string, NodeHeader>;
}

type NodeHeader = { table: TableHeader } | { object: ObjectHeader } | { value: unknown };

interface DocumentHeader {
  root: NodeHeader;
  sections: [string, SectionType, number, number][];
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding

class Float64Builder {
  private data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }
  reserve(extra: number): Float64Array {
    if (this.length + extra > this.data.length) this.grow(this.length + extra);
    return this.data;
  }
  private grow(minimum: number): void {
    const next = new Float64Array(Math.max(minimum, this.data.length * 2, 16));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  result(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

class Int32Builder {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(capacity, 16));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  result(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function conformsRecord(value: unknown): value is Record<string, number> {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (typeof value[key] !== 'number') return false;
  return true;
}

function isStringPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && Object.keys(value).length === 2;
}

function sameTokens(a: Token[], b: Token[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

class Encoder {
  readonly sections: { name: string; type: SectionType; array: SectionArray }[] = [];
  /** id column values (the ones a table stores in its id column) by table path, for refs */
  private readonly idIndex = new Map<string, Map<string, number>>();

  constructor(private readonly schema: NodeSchema, root: unknown) {
    this.collectIds(schema, root, '');
  }

  private collectIds(schema: NodeSchema, value: unknown, path: string): void {
    if (schema.kind === 'table') {
      if (!Array.isArray(value) || !schema.idColumn) return;
      const index = new Map<string, number>();
      let k = 0;
      for (const row of value) {
        if (!isPlainObject(row) || !Object.prototype.propertyIsEnumerable.call(row, schema.idColumn)) continue;
        const id = row[schema.idColumn];
        if (typeof id !== 'string') continue;
        if (!index.has(id)) index.set(id, k);
        k++;
      }
      this.idIndex.set(path, index);
    } else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(schema.fields)) {
        if (Object.prototype.hasOwnProperty.call(value, key)) this.collectIds(child, value[key], join(path, key));
      }
    }
  }

  encodeRoot(value: unknown): NodeHeader {
    return this.node(this.schema, value, '');
  }

  private node(schema: NodeSchema, value: unknown, path: string): NodeHeader {
    if (schema.kind === 'table' && Array.isArray(value) && Object.keys(value).length === value.length) {
      return { table: this.table(schema, value, path) };
    }
    if (schema.kind === 'object' && isPlainObject(value)) return { object: this.object(schema, value, path) };
    return { value: toExactJson(value) };
  }

  private object(schema: ObjectSchema, value: Record<string, unknown>, path: string): ObjectHeader {
    const fieldNames = Object.keys(schema.fields);
    const keys: Token[] = [];
    const extras: unknown[] = [];
    const nodes: Record<string, NodeHeader> = {};
    for (const key of Object.keys(value)) {
      const field = fieldNames.indexOf(key);
      if (field >= 0) {
        keys.push(field);
        nodes[key] = this.node(schema.fields[key]!, value[key], join(path, key));
      } else {
        keys.push(key);
        extras.push(toExactJson(value[key]));
      }
    }
    return { keys, extras, nodes };
  }

  private addSection(name: string, type: SectionType, array: SectionArray): string {
    this.sections.push({ name, type, array });
    return name;
  }

  /**
   * A table, column by column: each row's keys become a shape (column tokens, or the key itself for what the schema
   * does not declare); values that fit their column go to its writer, the rest to the row's extras in the header.
   * O(total keys) with one pass over the rows.
   */
  private table(schema: TableSchema, rows: unknown[], path: string): TableHeader {
    const columnNames = Object.keys(schema.columns);
    const columnIndex = new Map(columnNames.map((c, i) => [c, i]));
    const refs = new RefResolver(schema.refersTo !== undefined ? this.idIndex.get(schema.refersTo) : undefined);
    const writers = columnNames.map((c) => columnWriter(schema.columns[c]!, rows.length, refs));
    const shapes = new ShapeTable(rows.length);
    const extras: [number, unknown][] = [];

    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!isPlainObject(row)) {
        shapes.nonObject(r);
        extras.push([r, toExactJson(row)]);
        continue;
      }
      const keys = Object.keys(row);
      const tokens: Token[] = new Array(keys.length);
      let rowExtras: unknown[] | null = null;
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!;
        const value = row[key];
        const c = columnIndex.get(key);
        if (c === undefined || !writers[c]!.write(value, rows.length - r)) {
          tokens[k] = key;
          (rowExtras ??= []).push(toExactJson(value));
        } else {
          tokens[k] = c;
        }
      }
      shapes.add(r, tokens);
      if (rowExtras !== null) extras.push([r, rowExtras]);
    }

    const cols: Record<string, ColumnHeader> = {};
    writers.forEach((writer, c) => {
      const column = writer.header(`${path}.${columnNames[c]}`, (name, type, array) => this.addSection(name, type, array));
      if (column) cols[columnNames[c]!] = column;
    });
    const header: TableHeader = { n: rows.length, shapes: shapes.list, cols, extras };
    if (shapes.varies()) header.shapeSection = this.addSection(`${path}#shape`, 'i32', shapes.of);
    return header;
  }
}

type AddSection = (name: string, type: SectionType, array: SectionArray) => string;

/** One column of a table being encoded: takes a row's value (false when it does not fit the column), then its header. */
interface ColumnWriter {
  write(value: unknown, rowsLeft: number): boolean;
  /** The column's header, its sections added; undefined when no row had a value for it. */
  header(name: string, addSection: AddSection): ColumnHeader | undefined;
}

// Sized for the usual case (every row has every column) so that large tables are not copied while they grow.
function columnWriter(kind: ColumnKind, rows: number, refs: RefResolver): ColumnWriter {
  switch (kind) {
    case 'string':
      return new StringColumn();
    case 'dictString':
      return new DictStringColumn(rows);
    case 'number':
      return new NumberColumn(rows);
    case 'ref':
    case 'refPair':
      return new RefColumn(kind, rows, refs);
    case 'numberRecord':
      return new NumberRecordColumn(rows);
  }
}

class StringColumn implements ColumnWriter {
  private readonly values: string[] = [];
  write(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    this.values.push(value);
    return true;
  }
  header(): ColumnHeader | undefined {
    return this.values.length > 0 ? { kind: 'string', values: this.values } : undefined;
  }
}

class DictStringColumn implements ColumnWriter {
  private readonly dict = new Map<string, number>();
  private readonly indices: Int32Builder;
  constructor(rows: number) {
    this.indices = new Int32Builder(rows);
  }
  write(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    let d = this.dict.get(value);
    if (d === undefined) this.dict.set(value, (d = this.dict.size));
    this.indices.push(d);
    return true;
  }
  header(name: string, addSection: AddSection): ColumnHeader | undefined {
    if (this.indices.length === 0) return undefined;
    return { kind: 'dictString', dict: [...this.dict.keys()], section: addSection(name, 'i32', this.indices.result()) };
  }
}

class NumberColumn implements ColumnWriter {
  private readonly values: Float64Builder;
  constructor(rows: number) {
    this.values = new Float64Builder(rows);
  }
  write(value: unknown): boolean {
    if (typeof value !== 'number') return false;
    this.values.push(value);
    return true;
  }
  header(name: string, addSection: AddSection): ColumnHeader | undefined {
    return this.values.length > 0 ? { kind: 'number', section: addSection(name, 'f64', this.values.result()) } : undefined;
  }
}

/**
 * Ids that name rows of the referenced table, as their indices; ids it lacks (a dangling edge, kept so that the
 * round trip is exact) as -(k + 1) into the column's own list of foreign ids.
 */
class RefResolver {
  constructor(private readonly local: Map<string, number> = new Map()) {}
  indexOf(id: string, foreign: Map<string, number>): number {
    const local = this.local.get(id);
    if (local !== undefined) return local;
    let k = foreign.get(id);
    if (k === undefined) foreign.set(id, (k = foreign.size));
    return -(k + 1);
  }
}

class RefColumn implements ColumnWriter {
  private readonly indices: Int32Builder;
  private readonly foreign = new Map<string, number>();
  constructor(
    private readonly kind: 'ref' | 'refPair',
    rows: number,
    private readonly refs: RefResolver,
  ) {
    this.indices = new Int32Builder(kind === 'refPair' ? 2 * rows : rows);
  }
  write(value: unknown): boolean {
    if (this.kind === 'ref') {
      if (typeof value !== 'string') return false;
      this.indices.push(this.refs.indexOf(value, this.foreign));
      return true;
    }
    if (!isStringPair(value)) return false;
    this.indices.push(this.refs.indexOf(value[0], this.foreign));
    this.indices.push(this.refs.indexOf(value[1], this.foreign));
    return true;
  }
  header(name: string, addSection: AddSection): ColumnHeader | undefined {
    if (this.indices.length === 0) return undefined;
    return { kind: this.kind, section: addSection(name, 'i32', this.indices.result()), foreign: [...this.foreign.keys()] };
  }
}

/** Records of numbers (a task's costs): per row its key list (a shape, shared) and its values, in one float column. */
class NumberRecordColumn implements ColumnWriter {
  private readonly values = new Float64Builder(0);
  private readonly shapes: string[][] = [];
  private readonly shapeIds = new Map<string, number>();
  private readonly shapeOf: Int32Builder;
  private previousKeys: string[] | null = null;
  private previousShape = -1;
  constructor(rows: number) {
    this.shapeOf = new Int32Builder(rows);
  }

  /** Checks the record while writing it (one pass over its keys); false, with nothing written, when it is not one. */
  write(value: unknown, rowsLeft: number): boolean {
    if (!isPlainObject(value)) return false;
    if (this.previousKeys !== null && this.writeLikePrevious(value, this.previousKeys)) return true;
    if (!conformsRecord(value)) return false;
    const recordKeys = Object.keys(value);
    // First record: assume the others are alike and size the column for all of them at once.
    if (this.previousKeys === null) this.values.reserve(recordKeys.length * rowsLeft);
    const shape = this.shapeFor(recordKeys);
    this.previousKeys = this.shapes[shape]!;
    this.previousShape = shape;
    this.shapeOf.push(shape);
    const data = this.values.reserve(recordKeys.length);
    let at = this.values.length;
    for (let i = 0; i < recordKeys.length; i++) data[at++] = value[recordKeys[i]!] as number;
    this.values.length = at;
    return true;
  }

  /** The fast path, allocation-free: the record has the previous record's keys, in the same order. */
  private writeLikePrevious(value: Record<string, unknown>, previous: string[]): boolean {
    const data = this.values.reserve(previous.length);
    const start = this.values.length;
    let i = 0;
    for (const key in value) {
      const v = value[key];
      if (i >= previous.length || previous[i] !== key || typeof v !== 'number') return false;
      data[start + i++] = v;
    }
    if (i !== previous.length) return false;
    this.values.length = start + i;
    this.shapeOf.push(this.previousShape);
    return true;
  }

  private shapeFor(recordKeys: string[]): number {
    const signature = JSON.stringify(recordKeys);
    let shape = this.shapeIds.get(signature);
    if (shape === undefined) {
      shape = this.shapes.length;
      this.shapes.push(recordKeys);
      this.shapeIds.set(signature, shape);
    }
    return shape;
  }

  header(name: string, addSection: AddSection): ColumnHeader | undefined {
    if (this.shapeOf.length === 0) return undefined;
    return {
      kind: 'numberRecord',
      shapes: this.shapes,
      shapeSection: addSection(`${name}#shape`, 'i32', this.shapeOf.result()),
      valueSection: addSection(name, 'f64', this.values.result()),
    };
  }
}

/** The distinct key shapes of a table's rows, and each row's shape (-1: a row that is not an object). */
class ShapeTable {
  readonly list: Token[][] = [];
  readonly of: Int32Array;
  private readonly ids = new Map<string, number>();
  private previous: Token[] | null = null;
  private previousShape = -1;
  constructor(rows: number) {
    this.of = new Int32Array(rows);
  }
  nonObject(row: number): void {
    this.of[row] = -1;
  }
  add(row: number, tokens: Token[]): void {
    if (this.previous === null || !sameTokens(this.previous, tokens)) {
      const signature = JSON.stringify(tokens);
      let shape = this.ids.get(signature);
      if (shape === undefined) {
        shape = this.list.length;
        this.list.push(tokens);
        this.ids.set(signature, shape);
      }
      this.previous = tokens;
      this.previousShape = shape;
    }
    this.of[row] = this.previousShape;
  }
  /** Whether any row has another shape than the first (else no section is stored). */
  varies(): boolean {
    return this.of.some((s) => s !== 0);
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}/${key}`;
}

export function encodeDocument(schema: NodeSchema, value: unknown): Buffer {
  const encoder = new Encoder(schema, value);
  const root = encoder.encodeRoot(value);
  const directory: [string, SectionType, number, number][] = [];
  let offset = 0;
  for (const { name, type, array } of encoder.sections) {
    directory.push([name, type, offset, array.length]);
    offset += align8(array.byteLength);
  }
  const header: DocumentHeader = { root, sections: directory };
  // The header is already in exact-JSON form (toExactJson on every user value), so plain JSON.stringify suffices.
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align8(8 + headerBytes.length);
  const out = Buffer.allocUnsafe(dataStart + offset);
  out.set(MAGIC, 0);
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  out.fill(0, 8 + headerBytes.length, dataStart);
  encoder.sections.forEach(({ array }, i) => {
    const at = dataStart + directory[i]![2];
    writeLittleEndian(out, at, array);
    out.fill(0, at + array.byteLength, at + align8(array.byteLength));
  });
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function writeLittleEndian(out: Buffer, at: number, array: SectionArray): void {
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + at, array.byteLength);
  if (array instanceof Float64Array) for (let i = 0; i < array.length; i++) view.setFloat64(i * 8, array[i]!, true);
  else for (let i = 0; i < array.length; i++) view.setInt32(i * 4, array[i]!, true);
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding

export class DocumentFormatError extends Error {
  constructor(message: string) {
    super(`invalid stored document: ${message}`);
    this.name = 'DocumentFormatError';
  }
}

class Decoder {
  private readonly sections = new Map<string, SectionArray>();
  private readonly idValues = new Map<string, string[]>();

  constructor(private readonly schema: NodeSchema, bytes: Uint8Array, header: DocumentHeader, dataStart: number) {
    let data = bytes.subarray(dataStart);
    if (data.byteOffset % 8 !== 0 || !LITTLE_ENDIAN) data = new Uint8Array(data); // aligned copy
    for (const [name, type, offset, length] of header.sections) {
      const size = type === 'f64' ? 8 : 4;
      if (offset + length * size > data.byteLength) throw new DocumentFormatError(`section ${name} overruns the data`);
      this.sections.set(name, readSection(data, offset, length, type));
    }
    this.collectIds(schema, header.root, '');
  }

  private collectIds(schema: NodeSchema, node: NodeHeader, path: string): void {
    if (schema.kind === 'table' && 'table' in node) {
      if (schema.idColumn) {
        const column = node.table.cols[schema.idColumn];
        this.idValues.set(path, column?.kind === 'string' ? column.values : []);
      }
    } else if (schema.kind === 'object' && 'object' in node) {
      for (const [key, child] of Object.entries(node.object.nodes)) {
        const childSchema = schema.fields[key];
        if (childSchema) this.collectIds(childSchema, child, join(path, key));
      }
    }
  }

  decodeRoot(node: NodeHeader): unknown {
    return this.node(this.schema, node, '');
  }

  private section<T extends SectionArray>(name: string): T {
    const section = this.sections.get(name);
    if (!section) throw new DocumentFormatError(`missing section ${name}`);
    return section as T;
  }

  private node(schema: NodeSchema | undefined, node: NodeHeader, path: string): unknown {
    if ('value' in node) return fromExactJson(node.value);
    if ('table' in node && schema?.kind === 'table') return this.table(schema, node.table, path);
    if ('object' in node && schema?.kind === 'object') return this.object(schema, node.object, path);
    throw new DocumentFormatError(`node ${path || '(root)'} does not match the schema`);
  }

  private object(schema: ObjectSchema, header: ObjectHeader, path: string): Record<string, unknown> {
    const fieldNames = Object.keys(schema.fields);
    const out: Record<string, unknown> = {};
    let e = 0;
    for (const token of header.keys) {
      if (typeof token === 'number') {
        const key = fieldNames[token]!;
        setOwn(out, key, this.node(schema.fields[key], header.nodes[key]!, join(path, key)));
      } else {
        setOwn(out, token, fromExactJson(header.extras[e++]));
      }
    }
    return out;
  }

  private table(schema: TableSchema, header: TableHeader, path: string): unknown[] {
    const columnNames = Object.keys(schema.columns);
    const refIds = schema.refersTo !== undefined ? (this.idValues.get(schema.refersTo) ?? []) : [];
    const n = header.n;
    const shapeOf = header.shapeSection !== undefined ? this.section<Int32Array>(header.shapeSection) : null;

    // Column readers: each returns the next present value of its column.
    const readers: (() => unknown)[] = columnNames.map((name) => {
      const column = header.cols[name];
      if (!column) return () => {
        throw new DocumentFormatError(`column ${path}.${name} is missing`);
      };
      switch (column.kind) {
        case 'string': {
          const values = column.values;
          let i = 0;
          return () => values[i++];
        }
        case 'dictString': {
          const dict = column.dict;
          const indices = this.section<Int32Array>(column.section);
          let i = 0;
          return () => dict[indices[i++]!];
        }
        case 'number': {
          const values = this.section<Float64Array>(column.section);
          let i = 0;
          return () => values[i++];
        }
        case 'ref': {
          const refs = this.section<Int32Array>(column.section);
          const foreign = column.foreign;
          let i = 0;
          return () => {
            const ref = refs[i++]!;
            return ref >= 0 ? refIds[ref] : foreign[-ref - 1];
          };
        }
        case 'refPair': {
          const refs = this.section<Int32Array>(column.section);
          const foreign = column.foreign;
          let i = 0;
          const resolve = (ref: number) => (ref >= 0 ? refIds[ref] : foreign[-ref - 1]);
          return () => {
            const pair = [resolve(refs[i]!), resolve(refs[i + 1]!)];
            i += 2;
            return pair;
          };
        }
        case 'numberRecord': {
          const shapes = column.shapes;
          const builders = shapes.map(recordBuilder);
          const shapeOfRecord = this.section<Int32Array>(column.shapeSection);
          const values = this.section<Float64Array>(column.valueSection);
          let i = 0;
          let at = 0;
          return () => {
            const shape = shapeOfRecord[i++]!;
            const record = builders[shape]!(values, at);
            at += shapes[shape]!.length;
            return record;
          };
        }
      }
    });

    const rowBuilders = header.shapes.map((tokens) => {
      const keys = tokens.map((t) => (typeof t === 'number' ? columnNames[t]! : t));
      const hasProto = keys.includes('__proto__');
      return (extra: unknown[] | null): Record<string, unknown> => {
        const row: Record<string, unknown> = {};
        let e = 0;
        for (let k = 0; k < tokens.length; k++) {
          const token = tokens[k]!;
          const value = typeof token === 'number' ? readers[token]!() : fromExactJson(extra![e++]);
          if (hasProto) setOwn(row, keys[k]!, value);
          else row[keys[k]!] = value;
        }
        return row;
      };
    });

    const rows = new Array<unknown>(n);
    let x = 0;
    const extras = header.extras;
    for (let r = 0; r < n; r++) {
      const shape = shapeOf === null ? 0 : shapeOf[r]!;
      const extra = x < extras.length && extras[x]![0] === r ? extras[x++]![1] : null;
      if (shape === -1) rows[r] = fromExactJson(extra);
      else rows[r] = rowBuilders[shape]!(extra as unknown[] | null);
    }
    return rows;
  }
}

/**
 * A function that builds a record with the given keys (in order) from `values[at...]`. For the usual shapes it is
 * a generated object literal: V8 then builds every record with one fixed hidden class instead of a chain of
 * megamorphic keyed stores (4x faster on 64-key records). Keys are embedded as JSON string literals, which are
 * valid JavaScript string literals, so no key can inject code.
 */
function recordBuilder(keys: string[]): (values: Float64Array, at: number) => Record<string, number> {
  if (!keys.includes('__proto__') && keys.length <= 1000) {
    try {
      const body = `return {${keys.map((key, i) => `${JSON.stringify(key)}: v[a + ${i}]`).join(',')}};`;
      return new Function('v', 'a', body) as (values: Float64Array, at: number) => Record<string, number>;
    } catch {
      // code generation disallowed (--disallow-code-generation-from-strings): use the loop
    }
  }
  return (values, at) => {
    const record: Record<string, number> = {};
    for (let i = 0; i < keys.length; i++) setOwn(record, keys[i]!, values[at + i]!);
    return record;
  };
}

function readSection(data: Uint8Array, offset: number, length: number, type: SectionType): SectionArray {
  if (LITTLE_ENDIAN) {
    return type === 'f64' ? new Float64Array(data.buffer, data.byteOffset + offset, length) : new Int32Array(data.buffer, data.byteOffset + offset, length);
  }
  const view = new DataView(data.buffer, data.byteOffset + offset);
  if (type === 'f64') {
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = view.getFloat64(i * 8, true);
    return out;
  }
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

export function decodeDocument(schema: NodeSchema, bytes: Uint8Array): unknown {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new DocumentFormatError('not an hsdoc/1 document');
  const headerLength = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! * 0x1000000);
  if (8 + headerLength > bytes.length) throw new DocumentFormatError('truncated header');
  const headerText = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
  // The header's user values are in exact-JSON form; they are decoded where they are used, so parse plainly here.
  const header = JSON.parse(headerText) as DocumentHeader;
  const decoder = new Decoder(schema, bytes, header, align8(8 + headerLength));
  return decoder.decodeRoot(header.root);
}

/** For tests and tools: the header of an encoded document. */
export function documentHeader(bytes: Uint8Array): unknown {
  const headerLength = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! * 0x1000000);
  return parseExact(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
}

export { stringifyExact };
