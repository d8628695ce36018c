import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { connectionSettings } from './timeouts.js';

export { PrismaClient };

export interface CreatePrismaClientOptions {
  /** Most connections the pool opens (default 10). */
  max?: number;
  /** More node-postgres pool settings (timeouts, ssl...). */
  pool?: Omit<pg.PoolConfig, 'connectionString'>;
}

const pools = new WeakMap<object, pg.Pool>();

/**
 * A Prisma client on PostgreSQL through `@prisma/adapter-pg` (no native engine). The client owns a node-postgres
 * pool, which the repositories also use for the few statements where raw `pg` is measurably faster (binary blob
 * reads and writes); `$disconnect()` closes it.
 */
export function createPrismaClient(connectionString: string, options: CreatePrismaClientOptions = {}): PrismaClient {
  // allowExitOnIdle: idle connections do not keep a finished script alive (a server stays up for its own reasons).
  // Every connection has the store's timeouts (timeouts.ts): no call waits forever.
  const pool = new pg.Pool({ max: options.max ?? 10, allowExitOnIdle: true, ...connectionSettings(), ...options.pool, connectionString });
  // An idle connection that breaks (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  compileQueryCompilerInBackground(prisma);
  pools.set(prisma, pool);
  return prisma;
}

/** Prisma's query compiler for PostgreSQL, as base64 in a JavaScript module (`const wasm = "..."`). */
const QUERY_COMPILER_MODULE = '@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.mjs';
/** Where the base64 text starts in that module. */
const WASM_CONSTANT = 'const wasm = "';
/** Every WebAssembly binary starts with these four bytes. */
const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

/** A compiled WebAssembly module (the project's TypeScript libraries have no WebAssembly types). */
export type WasmModule = object;
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

interface CompilerWasm {
  getQueryCompilerWasmModule: () => Promise<WasmModule>;
}

let backgroundCompile: Promise<WasmModule> | undefined;

/**
 * Prisma's generated client loads its query compiler (3.4 MB of WebAssembly, once per process) by importing a
 * 4.5 MB JavaScript module that holds it as base64, then compiling it with the synchronous `new WebAssembly.Module`:
 * some 0.3 s of the main thread at every server start (the API's start-up profile). Here the client is given a
 * loader that reads the same bytes from the same file as text (no 4.5 MB script to compile) and compiles them with
 * `WebAssembly.compile`, which V8 runs on background threads. The engine reads `_engineConfig.compilerWasm` at its
 * first query, so the swap happens before any. Anything unexpected (another Prisma layout, another provider, bytes
 * that are no WebAssembly) leaves Prisma's own loader in place or falls back to it.
 */
function compileQueryCompilerInBackground(prisma: PrismaClient): void {
  const config = (prisma as unknown as { _engineConfig?: { activeProvider?: string; compilerWasm?: Partial<CompilerWasm> } })._engineConfig;
  const original = config?.compilerWasm;
  if (!config || config.activeProvider !== 'postgresql' || typeof original?.getQueryCompilerWasmModule !== 'function') return;
  const fallback = original.getQueryCompilerWasmModule.bind(original);
  config.compilerWasm = {
    ...original,
    getQueryCompilerWasmModule: () => {
      backgroundCompile ??= loadQueryCompilerModule().catch(() => fallback());
      return backgroundCompile;
    },
  };
}

/** The query compiler's WebAssembly module, read from Prisma's base64 module and compiled off the main thread. */
export async function loadQueryCompilerModule(): Promise<WasmModule> {
  const text = await readFile(fileURLToPath(import.meta.resolve(QUERY_COMPILER_MODULE)), 'utf8');
  const start = text.indexOf(WASM_CONSTANT);
  const end = start < 0 ? -1 : text.indexOf('"', start + WASM_CONSTANT.length);
  if (end < 0) throw new Error(`${QUERY_COMPILER_MODULE} does not hold the expected base64 constant`);
  const bytes = Buffer.from(text.slice(start + WASM_CONSTANT.length, end), 'base64');
  if (!bytes.subarray(0, WASM_MAGIC.length).equals(WASM_MAGIC)) throw new Error(`${QUERY_COMPILER_MODULE} holds no WebAssembly`);
  return wasmApi.compile(bytes);
}

/** The node-postgres pool behind a client made by createPrismaClient (undefined for other clients). */
export function poolOf(prisma: PrismaClient): pg.Pool | undefined {
  return pools.get(prisma);
}
