import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createPrismaClient, loadQueryCompilerModule } from './client.js';

type Wasm = {
  Module: { new (bytes: Uint8Array): object; exports(module: object): { name: string; kind: string }[]; imports(module: object): { module: string; name: string; kind: string }[] };
};
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

describe('the query compiler compiled in the background', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);
  afterAll(() => db?.drop());

  it('is the module Prisma itself compiles from its base64 module', async () => {
    // The reference: Prisma's own loader (generated internal/class.ts): import the base64 module, decode, compile.
    const { wasm: base64 } = (await import('@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.mjs' as string)) as { wasm: string };
    const reference = new wasm.Module(Buffer.from(base64, 'base64'));
    const ours = await loadQueryCompilerModule();
    expect(wasm.Module.exports(ours)).toEqual(wasm.Module.exports(reference));
    expect(wasm.Module.imports(ours)).toEqual(wasm.Module.imports(reference));
    expect(wasm.Module.exports(ours).length).toBeGreaterThan(0);
  }, 60_000);

  it('is what a client from createPrismaClient loads, and its queries work', async () => {
    const prisma = createPrismaClient(db.connectionString, { max: 1 });
    try {
      const config = (prisma as unknown as { _engineConfig: { compilerWasm: { getQueryCompilerWasmModule(): Promise<object> } } })._engineConfig;
      // The loader was swapped: it hands out the one background-compiled module of this process.
      const first = await config.compilerWasm.getQueryCompilerWasmModule();
      expect(await config.compilerWasm.getQueryCompilerWasmModule()).toBe(first);
      await prisma.schedulerPlugin.deleteMany({ where: { name: 'client-spec' } });
      await prisma.schedulerPlugin.create({ data: { name: 'client-spec', version: '1.0.0', packageName: 'p', optionsSchema: { type: 'object' } } });
      expect((await prisma.schedulerPlugin.findUnique({ where: { name: 'client-spec' } }))?.version).toBe('1.0.0');
    } finally {
      await prisma.$disconnect();
    }
  }, 60_000);
});
