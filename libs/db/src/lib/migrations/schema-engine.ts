import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

/**
 * Prisma's schema engine, compiled to WebAssembly (`@prisma/schema-engine-wasm`, a devDependency: this module is for
 * development tools and tests only, and loads the package on first use). It diffs a live database against
 * prisma/schema.prisma, which is how a new migration's SQL is written, and how the tests prove that the migrations
 * produce exactly the schema.
 *
 * The engine talks to PostgreSQL through @prisma/adapter-pg, with two adjustments found necessary:
 * - its introspection queries return `"char"` columns (OID 18), which adapter-pg rejects; they are passed on as text
 *   and reported to the engine as Character columns;
 * - the engine calls the adapter's methods unbound and expects `{ ok, value | error }` results (the binding Prisma's
 *   CLI does with @prisma/driver-adapter-utils), done here by `bindFactory`.
 */

export function defaultSchemaPath(): string {
  return fileURLToPath(new URL('../../../../../prisma/schema.prisma', import.meta.url));
}

/** SQL that brings the database at `connectionString` to `schema.prisma` (null when they already match). */
export async function diffDatabaseToSchema(connectionString: string, schemaPath = defaultSchemaPath()): Promise<string | null> {
  const schema = await readFile(schemaPath, 'utf8');
  const files = [{ path: 'schema.prisma', content: schema }];
  const { engine, close } = await newEngine(connectionString, schema);
  try {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: dirname(schemaPath) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 2 ? (result.stdout ?? '') : null;
  } finally {
    await close();
  }
}

/** The SQL that creates `schema.prisma` from an empty database (what the first migration holds). */
export async function schemaCreationSql(connectionString: string, schemaPath = defaultSchemaPath()): Promise<string> {
  const schema = await readFile(schemaPath, 'utf8');
  const { engine, close } = await newEngine(connectionString, schema);
  try {
    const result = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    await close();
  }
}

interface DiffInput {
  from: unknown;
  to: unknown;
  script: boolean;
  exitCode: boolean | null;
  filters: { externalTables: string[]; externalEnums: string[] };
}

interface Engine {
  diff(input: DiffInput): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

// WebAssembly is a Node global, but its types come with the DOM lib, which this project does not load.
interface WasmInstance {
  exports: Record<string, unknown>;
}
const wasm = (globalThis as unknown as { WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: WasmInstance }> } })
  .WebAssembly;

interface EngineModule {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
  SchemaEngine: { new: (options: unknown, log: (message: string) => void, adapter: object) => Promise<Engine> };
}

let engineModule: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const specifier = '@prisma/schema-engine-wasm/schema_engine_bg';
    const bindings = (await import(specifier)) as EngineModule;
    const require = createRequire(import.meta.url);
    const wasmPath = join(dirname(require.resolve(specifier)), 'schema_engine_bg.wasm');
    const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: () => undefined };
    const { instance } = await wasm.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports['__wbindgen_start'] as () => void)();
    return bindings;
  })();
  return engineModule;
}

async function newEngine(connectionString: string, schema: string): Promise<{ engine: Engine; close(): Promise<void> }> {
  const { SchemaEngine } = await loadEngineModule();
  const pool = new pg.Pool({ connectionString, max: 2, Client: CharAsTextClient });
  pool.on('error', () => undefined);
  const factory = new PrismaPg(pool);
  const engine = await SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => undefined, bindFactory(factory));
  return {
    engine,
    close: async () => {
      engine.free();
      await pool.end();
    },
  };
}

/** Marks `"char"` (OID 18) result columns as text for adapter-pg, remembering their positions on the rows array. */
class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const fix = (result: unknown) => {
      for (const r of Array.isArray(result) ? result : [result]) {
        const res = r as { fields?: { dataTypeID: number }[]; rows?: unknown[] } | undefined;
        const chars: number[] = [];
        res?.fields?.forEach((field, i) => {
          if (field.dataTypeID === 18) {
            field.dataTypeID = 25;
            chars.push(i);
          }
        });
        if (chars.length > 0 && res?.rows) Object.defineProperty(res.rows, 'charColumns', { value: chars });
      }
    };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        if (result) fix(result);
        (last as (e: unknown, r: unknown) => void)(error, result);
      };
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      return (out as Promise<unknown>).then((result) => (fix(result), result)) as never;
    }
    return out as never;
  }
}

const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

type Result<T> = { ok: true; value: T } | { ok: false; error: { kind: 'GenericJs'; id: number } };

const errors: unknown[] = [];

function wrap<A extends unknown[], T>(fn: (...args: A) => Promise<T>): (...args: A) => Promise<Result<T>> {
  return async (...args) => {
    try {
      return { ok: true, value: await fn(...args) };
    } catch (error) {
      const cause = (error as { name?: string; cause?: unknown }).name === 'DriverAdapterError' ? (error as { cause: unknown }).cause : null;
      if (cause) return { ok: false, error: cause as never };
      errors.push(error);
      return { ok: false, error: { kind: 'GenericJs', id: errors.length - 1 } };
    }
  };
}

interface Queryable {
  queryRaw(query: unknown): Promise<{ columnTypes: number[]; rows: unknown[] & { charColumns?: number[] } }>;
  executeRaw(query: unknown): Promise<number>;
}

function bindQueryable(q: Queryable) {
  return {
    queryRaw: wrap(async (query: unknown) => {
      const result = await q.queryRaw(query);
      for (const i of result.rows.charColumns ?? []) result.columnTypes[i] = CHARACTER_COLUMN;
      return result;
    }),
    executeRaw: wrap((query: unknown) => q.executeRaw(query)),
  };
}

// The adapter's own types are internal to @prisma/driver-adapter-utils; these are the parts used here.
interface Adapter extends Queryable {
  provider: string;
  adapterName: string;
  executeScript(script: string): Promise<void>;
  dispose(): Promise<void>;
  startTransaction(...args: unknown[]): Promise<Transaction>;
  getConnectionInfo?(): unknown;
}

interface Transaction extends Queryable {
  provider: string;
  adapterName: string;
  options: unknown;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

function bindAdapter(adapter: Adapter) {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    ...bindQueryable(adapter),
    executeScript: wrap((script: string) => adapter.executeScript(script)),
    dispose: wrap(() => adapter.dispose()),
    startTransaction: wrap(async (...args: unknown[]) => {
      const t = await adapter.startTransaction(...args);
      return {
        provider: t.provider,
        adapterName: t.adapterName,
        options: t.options,
        ...bindQueryable(t),
        commit: wrap(() => t.commit()),
        rollback: wrap(() => t.rollback()),
      };
    }),
    getConnectionInfo: () => ({ ok: true, value: adapter.getConnectionInfo?.() }),
  };
}

function bindFactory(factory: PrismaPg): object {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: wrap(async () => bindAdapter((await factory.connect()) as unknown as Adapter)),
    connectToShadowDb: wrap(async () => bindAdapter((await factory.connectToShadowDb()) as unknown as Adapter)),
  };
}
