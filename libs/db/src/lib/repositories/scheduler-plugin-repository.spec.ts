import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionsSchema } from '@hetsched/core';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';
import type { SchedulerPluginRecord, UpsertSchedulerPluginInput } from './scheduler-plugin-repository.js';

let batchDb: TestDatabase;
let referenceDb: TestDatabase;
let batch: Store;
let reference: Store;

beforeAll(async () => {
  [batchDb, referenceDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  batch = createStore(batchDb.prisma);
  reference = createStore(referenceDb.prisma);
}, 60_000);
afterAll(() => Promise.all([batchDb?.drop(), referenceDb?.drop()]));

const schemaOf = (limit: number): OptionsSchema => ({ type: 'object', properties: { limit: { type: 'integer', description: 'a limit', default: limit, minimum: 1 } } });
type Input = Omit<UpsertSchedulerPluginInput, 'enabled'>;

/** What a record says, without the timestamps the two databases set at different times. */
const comparable = (records: SchedulerPluginRecord[]) => records.map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);

describe('SchedulerPluginRepository.upsertMany', () => {
  it('inserts new plugins enabled and updates known ones keeping their flag and (for none given) their capabilities', async () => {
    const capabilities = { progress: true, cancellable: false, deterministic: true, maxProcessors: 8 };
    await batch.plugins.upsert({ name: 'known', version: '1.0.0', packageName: 'old-package', optionsSchema: schemaOf(1), capabilities, enabled: false });
    const before = (await batch.plugins.findByName('known'))!;
    await batch.plugins.upsertMany([
      { name: 'known', version: '2.0.0', packageName: 'new-package', description: 'upgraded', optionsSchema: schemaOf(2), capabilities: null },
      { name: 'fresh', version: '0.1.0', packageName: 'fresh-package', optionsSchema: schemaOf(3), capabilities: { progress: false, cancellable: true, deterministic: false } },
    ]);
    // By the rules: `known` takes the new version, package, description and schema, keeps enabled = false (no flag
    // given) and its stored capabilities (null given); `fresh` is new, so enabled with exactly what was given.
    const known = (await batch.plugins.findByName('known'))!;
    expect(known).toMatchObject({ version: '2.0.0', packageName: 'new-package', description: 'upgraded', enabled: false, capabilities, optionsSchema: schemaOf(2) });
    expect(known.createdAt).toEqual(before.createdAt);
    expect(known.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect(await batch.plugins.findByName('fresh')).toMatchObject({
      version: '0.1.0',
      packageName: 'fresh-package',
      description: null,
      enabled: true,
      optionsSchema: schemaOf(3),
      capabilities: { progress: false, cancellable: true, deterministic: false },
    });
  });

  it('refuses a batch naming one plugin twice, writing nothing', async () => {
    const twice: Input[] = [1, 2].map((n) => ({ name: 'twice', version: `${n}.0.0`, packageName: 'p', optionsSchema: schemaOf(n) }));
    await expect(batch.plugins.upsertMany(twice)).rejects.toThrow(/appears twice/);
    expect(await batch.plugins.findByName('twice')).toBeNull();
  });

  it('leaves the table as one upsert per plugin would (property, against the per-row upsert on another database)', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const input = fc.record({
      name: fc.constantFrom(...names),
      version: fc.constantFrom('1.0.0', '1.1.0', '2.0.0'),
      packageName: fc.constantFrom('pkg-a', 'pkg-b'),
      description: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      optionsSchema: fc.integer({ min: 1, max: 5 }).map(schemaOf),
      capabilities: fc.option(fc.record({ progress: fc.boolean(), cancellable: fc.boolean(), deterministic: fc.boolean() }), { nil: null }),
    });
    const step = fc.oneof(
      // A discovery batch (distinct names), or another process switching a plugin off or on meanwhile.
      fc.uniqueArray(input, { selector: (i) => i.name, minLength: 1, maxLength: names.length }).map((inputs) => ({ kind: 'batch' as const, inputs })),
      fc.record({ kind: fc.constant('flag' as const), name: fc.constantFrom(...names), enabled: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const store of [batch, reference]) for (const record of await store.plugins.list()) await store.plugins.delete(record.name);
        for (const s of steps) {
          if (s.kind === 'flag') {
            await Promise.all([batch.plugins.setEnabled(s.name, s.enabled), reference.plugins.setEnabled(s.name, s.enabled)]);
            continue;
          }
          await batch.plugins.upsertMany(s.inputs);
          for (const one of s.inputs) await reference.plugins.upsert(one);
        }
        expect(comparable(await batch.plugins.list())).toEqual(comparable(await reference.plugins.list()));
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
