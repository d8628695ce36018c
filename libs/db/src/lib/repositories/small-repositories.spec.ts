import type { OptionsSchema } from '@hetsched/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactDifference } from '@hetsched/codec/testing';
import { clusterOf } from '@hetsched/codec/testing';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';
import { hashApiToken } from './api-token-repository.js';

let db: TestDatabase;
let store: Store;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db.prisma);
});
afterAll(() => db.drop());

describe('ApiTokenRepository', () => {
  it('stores only the SHA-256 of a token and finds it by token or hash', async () => {
    const token = 'hs_secret_token_value';
    const created = await store.tokens.create({ name: 'ci', role: 'SUBMITTER', token });
    expect(created).toMatchObject({ name: 'ci', role: 'SUBMITTER', tokenHash: hashApiToken(token), lastUsedAt: null, revokedAt: null });
    expect(hashApiToken(token)).toMatch(/^[0-9a-f]{64}$/);
    const stored = await db.prisma.$queryRaw<{ token_hash: string }[]>`SELECT token_hash FROM api_tokens`;
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await store.tokens.findByToken(token)).toEqual(created);
    expect(await store.tokens.findByTokenHash(hashApiToken(token))).toEqual(created);
    expect(await store.tokens.findByToken('wrong')).toBeNull();
    await expect(store.tokens.create({ name: 'dup', role: 'ADMIN', token })).rejects.toThrow();
  });

  it('records use and revocation', async () => {
    const { id } = await store.tokens.create({ name: 'reader', role: 'READER', tokenHash: hashApiToken('r') });
    const at = new Date('2030-01-02T03:04:05.678Z');
    await store.tokens.touchLastUsed(id, at);
    expect((await store.tokens.findById(id))!.lastUsedAt).toEqual(at);
    const revoked = await store.tokens.revoke(id, at);
    expect(revoked!.revokedAt).toEqual(at);
    expect((await store.tokens.revoke(id, new Date()))!.revokedAt).toEqual(at); // first revocation stays
    expect((await store.tokens.findByToken('r'))!.revokedAt).toEqual(at); // still found: the API decides
    expect((await store.tokens.list()).map((t) => t.name)).toContain('reader');
    expect(await store.tokens.delete(id)).toBe(true);
    expect(await store.tokens.findById(id)).toBeNull();
  });
});

describe('ApiTokenRepository.createFirst', () => {
  it('creates exactly one first token when several servers race on an empty table', async () => {
    const empty = await createTestDatabase();
    // Separate clients, as separate servers would have: each call runs on its own connection.
    const servers = Array.from({ length: 6 }, () => createStore(empty.connectionString));
    try {
      // Connections open first, so that the calls below really overlap; several rounds on an emptied table.
      await Promise.all(servers.map((server) => server.tokens.list()));
      for (let round = 0; round < 5; round++) {
        for (const token of await servers[0]!.tokens.list()) await servers[0]!.tokens.delete(token.id);
        const results = await Promise.all(
          servers.map((server, i) => server.tokens.createFirst({ name: `admin ${i}`, role: 'ADMIN', tokenHash: hashApiToken(`first-${round}-${i}`) })),
        );
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        expect(await servers[0]!.tokens.list()).toHaveLength(1);
      }
      // Once a token exists, a later start creates nothing.
      expect(await servers[1]!.tokens.createFirst({ name: 'late', role: 'ADMIN', tokenHash: hashApiToken('late') })).toBeNull();
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      await empty.drop();
    }
  });
});

describe('SchedulerPluginRepository', () => {
  const optionsSchema: OptionsSchema = {
    type: 'object',
    properties: {
      generations: { type: 'integer', description: 'GA generations', default: 100, minimum: 1 },
      crossover: { type: 'number', description: 'rate', default: 0.9 },
      mode: { type: 'string', description: 'mode', enum: ['fast', 'exact'] },
    },
    additionalProperties: false,
  };

  it('inserts, then updates by name, keeping the options schema exactly (property order included)', async () => {
    const created = await store.plugins.upsert({ name: 'hybrid-ga', version: '1.0.0', packageName: '@hetsched/scheduler-hybrid-ga', optionsSchema });
    expect(created).toMatchObject({ name: 'hybrid-ga', version: '1.0.0', enabled: true, description: null, capabilities: null });
    expect(exactDifference(created.optionsSchema, optionsSchema)).toBeNull();

    await store.plugins.setEnabled('hybrid-ga', false);
    const capabilities = { progress: true, cancellable: true, deterministic: false, maxProcessors: 64 };
    const updated = await store.plugins.upsert({ name: 'hybrid-ga', version: '1.1.0', packageName: 'p', optionsSchema, capabilities, description: 'GA' });
    expect(updated).toMatchObject({ version: '1.1.0', packageName: 'p', enabled: false, description: 'GA', capabilities });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    expect((await store.plugins.upsert({ name: 'hybrid-ga', version: '1.1.0', packageName: 'p', optionsSchema, enabled: true })).enabled).toBe(true);

    await store.plugins.upsert({ name: 'heft', version: '1.0.0', packageName: '@hetsched/scheduler-heft', optionsSchema: { type: 'object', properties: {} }, enabled: false });
    expect((await store.plugins.list()).map((p) => p.name)).toEqual(['heft', 'hybrid-ga']);
    expect((await store.plugins.list({ enabledOnly: true })).map((p) => p.name)).toEqual(['hybrid-ga']);
    expect(await store.plugins.findByName('nope')).toBeNull();
    expect(await store.plugins.setEnabled('nope', true)).toBeNull();
    expect(await store.plugins.delete('heft')).toBe(true);
  });
});

describe('IdempotencyRepository', () => {
  it('records a key once and returns the first record afterwards', async () => {
    const a = (await store.workflows.create({ spec: { tasks: [], edges: [] } })).workflow.id;
    const b = (await store.workflows.create({ spec: { tasks: [], edges: [] } })).workflow.id;
    const first = await store.idempotency.record('k', a, 'h1');
    expect(first).toMatchObject({ created: true, record: { key: 'k', workflowId: a, requestHash: 'h1' } });
    const second = await store.idempotency.record('k', b, 'h2');
    expect(second).toEqual({ created: false, record: first.record });
    expect(await store.idempotency.find('k')).toEqual(first.record);
    expect(await store.idempotency.find('other')).toBeNull();
    expect(await store.idempotency.deleteCreatedBefore(new Date(first.record.createdAt.getTime() + 1))).toBe(1);
    expect(await store.idempotency.find('k')).toBeNull();
  });

  it('forgets keys with their workflow', async () => {
    const { workflow } = await store.workflows.create({ spec: { tasks: [], edges: [] }, idempotencyKey: 'gone' });
    await store.workflows.delete(workflow.id);
    expect(await store.idempotency.find('gone')).toBeNull();
  });
});

describe('ClusterRepository', () => {
  it('stores clusters exactly and lists them by page', async () => {
    const spec = { ...clusterOf(4), site: { rack: 7 } };
    spec.processors[1]!['accelerator'] = { kind: 'gpu', count: 2 };
    const created = await store.clusters.create({ spec, tags: ['lab'] });
    expect(created).toMatchObject({ name: 'cluster-4', processorCount: 4, linkCount: 1, tags: ['lab'] });
    expect(exactDifference((await store.clusters.findById(created.id))!.spec, spec)).toBeNull();
    const more = [];
    for (let i = 0; i < 5; i++) more.push((await store.clusters.create({ spec: clusterOf(2 + i), tags: ['page'] })).id);
    const first = await store.clusters.list({ tag: 'page' }, 3);
    const second = await store.clusters.list({ tag: 'page' }, 3, first.pageInfo.endCursor);
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(more.reverse());
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect((await store.clusters.list({ nameContains: 'CLUSTER-6' })).items.map((c) => c.processorCount)).toEqual([6]);
    expect(await store.clusters.findByContentHash(created.contentHash)).toEqual([created]);
    expect(await store.clusters.delete(created.id)).toBe(true);
    expect(await store.clusters.findById(created.id)).toBeNull();
  });
});
