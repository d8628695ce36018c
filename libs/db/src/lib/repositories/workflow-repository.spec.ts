import type { WorkflowSpec } from '@hetsched/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactDifference } from '@hetsched/codec/testing';
import { clusterOf, largeWorkflow } from '@hetsched/codec/testing';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createStore, type Store } from '../store.js';
import { InvalidCursorError, type Page } from './pagination.js';
import { clusterContentHash } from './cluster-repository.js';
import { workflowContentHash, type WorkflowFilter, type WorkflowSummary } from './workflow-repository.js';

let db: TestDatabase;
let store: Store;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db.prisma);
});
afterAll(() => db.drop());

const small = (name: string, extra: Record<string, unknown> = {}): WorkflowSpec => ({
  name,
  tasks: [
    { id: 'a', work: 2, label: 'first', ...extra },
    { id: 'b', costs: { p0: 0.1 + 0.2, p1: -0 }, memoryGb: 4 },
  ],
  edges: [{ from: 'a', to: 'b', data: 1e-300, note: { kept: [true, null] } }],
  owner: 'team-x',
});

async function allPages(filter: WorkflowFilter, first: number): Promise<WorkflowSummary[]> {
  const seen: WorkflowSummary[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<WorkflowSummary> = await store.workflows.list(filter, first, after);
    seen.push(...page.items);
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
}

describe('WorkflowRepository', () => {
  it('stores a workflow and gives it back exactly, with its summary', async () => {
    const spec = small('diamond');
    const { workflow, created } = await store.workflows.create({ spec, tags: ['demo', 'demo', 'small'] });
    expect(created).toBe(true);
    expect(workflow).toMatchObject({ name: 'diamond', tags: ['demo', 'small'], taskCount: 2, edgeCount: 1, contentHash: workflowContentHash(spec) });
    expect(workflow.createdAt).toBeInstanceOf(Date);

    const found = await store.workflows.findById(workflow.id);
    expect(found).not.toBeNull();
    expect(exactDifference(found!.spec, spec)).toBeNull();
    const { spec: _spec, ...summary } = found!;
    expect(summary).toEqual(workflow);
    expect(await store.workflows.findSummary(workflow.id)).toEqual(workflow);
  });

  it('finds duplicates by content hash, whatever the key order', async () => {
    const spec = small('dup');
    const reordered = { owner: spec['owner'], edges: spec.edges, tasks: spec.tasks.map((t) => Object.fromEntries(Object.entries(t).reverse())), name: 'dup' };
    const one = await store.workflows.create({ spec });
    const two = await store.workflows.create({ spec: reordered as unknown as WorkflowSpec });
    expect(two.workflow.contentHash).toBe(one.workflow.contentHash);
    const duplicates = await store.workflows.findByContentHash(one.workflow.contentHash);
    expect(duplicates.map((w) => w.id)).toEqual([one.workflow.id, two.workflow.id]);
    const other = await store.workflows.create({ spec: small('dup', { label: 'changed' }) });
    expect(other.workflow.contentHash).not.toBe(one.workflow.contentHash);
  });

  it('loads many summaries at once, aligned with the ids asked for', async () => {
    const one = (await store.workflows.create({ spec: small('batch-1') })).workflow;
    const two = (await store.workflows.create({ spec: small('batch-2') })).workflow;
    expect(await store.workflows.findSummaries([two.id, 'x', one.id, two.id])).toEqual([two, null, one, two]);
    const cluster = await store.clusters.create({ spec: { processors: [{ id: 'p' }] } });
    expect(await store.clusters.findSummaries([cluster.id, one.id])).toEqual([cluster, null]);
  });

  it('answers null for unknown and malformed ids', async () => {
    expect(await store.workflows.findById('0190b5d2-0000-7000-8000-000000000000')).toBeNull();
    expect(await store.workflows.findById('not-a-uuid')).toBeNull();
    expect(await store.workflows.delete('not-a-uuid')).toBe(false);
  });

  it('lists newest first, page by page, without duplicates or gaps, and filters by name and tag', async () => {
    const tag = 'paging';
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const { workflow } = await store.workflows.create({ spec: small(i % 3 === 0 ? `Alpha_${i}%` : `beta-${i}`), tags: [tag, i % 2 ? 'odd' : 'even'] });
      ids.push(workflow.id);
    }
    const listed = await allPages({ tag }, 5);
    expect(listed.map((w) => w.id)).toEqual([...ids].reverse());
    for (const w of listed) expect(w).not.toHaveProperty('spec');

    expect((await allPages({ tag: 'odd' }, 4)).map((w) => w.id)).toEqual(ids.filter((_, i) => i % 2).reverse());
    const alpha = await allPages({ nameContains: 'aLPHa' }, 3);
    expect(alpha.map((w) => w.id)).toEqual(ids.filter((_, i) => i % 3 === 0).reverse());
    // LIKE wildcards in the search text are literal
    expect((await allPages({ nameContains: '_1' }, 50)).map((w) => w.name)).toEqual(['Alpha_18%', 'Alpha_15%', 'Alpha_12%']);
    expect((await allPages({ nameContains: '9%' }, 50)).map((w) => w.name)).toEqual(['Alpha_9%']);
    expect(await allPages({ tag: 'no-such-tag' }, 5)).toEqual([]);
  });

  it('keeps paging stable while workflows are added', async () => {
    const tag = 'stable';
    const before: string[] = [];
    for (let i = 0; i < 12; i++) before.push((await store.workflows.create({ spec: small(`s${i}`), tags: [tag] })).workflow.id);
    const first = await store.workflows.list({ tag }, 5);
    for (let i = 0; i < 4; i++) await store.workflows.create({ spec: small(`late${i}`), tags: [tag] });
    const rest: string[] = [];
    let after = first.pageInfo.endCursor;
    for (;;) {
      const page = await store.workflows.list({ tag }, 5, after);
      rest.push(...page.items.map((w) => w.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect([...first.items.map((w) => w.id), ...rest]).toEqual([...before].reverse());
  });

  it('refuses cursors it did not make', async () => {
    await expect(store.workflows.list({}, 5, 'garbage')).rejects.toThrow(InvalidCursorError);
    const clusters = await store.clusters.list({}, 1);
    const foreign = clusters.pageInfo.endCursor ?? Buffer.from(JSON.stringify(['clusters', 0, '0190b5d2-0000-7000-8000-000000000000'])).toString('base64url');
    await expect(store.workflows.list({}, 5, foreign)).rejects.toThrow(InvalidCursorError);
  });

  it('deletes a workflow with its document', async () => {
    const { workflow } = await store.workflows.create({ spec: small('doomed') });
    expect(await store.workflows.delete(workflow.id)).toBe(true);
    expect(await store.workflows.delete(workflow.id)).toBe(false);
    expect(await store.workflows.findById(workflow.id)).toBeNull();
    expect(await db.prisma.workflowContent.count({ where: { workflowId: workflow.id } })).toBe(0);
  });

  it('creates once per idempotency key, also when the same key arrives concurrently', async () => {
    const first = await store.workflows.create({ spec: small('idem'), idempotencyKey: 'key-1', requestHash: 'r1' });
    const again = await store.workflows.create({ spec: small('other'), idempotencyKey: 'key-1', requestHash: 'r2' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ workflow: first.workflow, created: false, storedRequestHash: 'r1' });

    const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => store.workflows.create({ spec: small(`race${i}`), idempotencyKey: 'key-race' })));
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(racing.map((r) => r.workflow.id)).size).toBe(1);
    // the losers' workflows were rolled back
    expect(await db.prisma.workflow.count({ where: { name: { startsWith: 'race' } } })).toBe(1);
  });

  // Speed is measured by the store benchmark (docs/benchmarks.md), not asserted here: a loaded machine may take minutes.
  it('stores and loads a 100,000-task workflow (64 costs each, ~300,000 edges) exactly', { timeout: 300_000 }, async () => {
    const spec = JSON.parse(JSON.stringify(largeWorkflow({ tasks: 100_000, processors: 64 }))) as WorkflowSpec;
    let t = performance.now();
    const { workflow } = await store.workflows.create({ spec, tags: ['large'] });
    const storeMs = performance.now() - t;
    t = performance.now();
    const loaded = await store.workflows.findById(workflow.id);
    const loadMs = performance.now() - t;
    console.log(`100,000 tasks / ${spec.edges.length} edges: store ${storeMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms`);
    expect(workflow.taskCount).toBe(100_000);
    expect(exactDifference(loaded!.spec, spec)).toBeNull();
  });
});

describe('WorkflowRepository.create with a cluster (a trace and its machines)', () => {
  const workflow: WorkflowSpec = { tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 2 }], edges: [{ from: 'a', to: 'b', data: 1 }] };

  it('stores the cluster with the workflow and returns both', async () => {
    const cluster = clusterOf(3);
    const result = await store.workflows.create({ spec: workflow, cluster: { spec: cluster, tags: ['trace'] } });
    expect(result.created).toBe(true);
    expect(result.cluster).toMatchObject({ processorCount: 3, tags: ['trace'], createdAt: result.workflow.createdAt });
    expect((await store.clusters.findById(result.cluster!.id))?.spec).toEqual(cluster);
  });

  it('keeps exactly one cluster when requests with the same idempotency key race (the losers roll back whole)', async () => {
    const cluster = { ...clusterOf(2), name: `race-${Date.now()}` };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.workflows.create({ spec: workflow, idempotencyKey: 'race-key', requestHash: 'h', cluster: { spec: cluster } })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.workflow.id)).size).toBe(1);
    expect(await store.clusters.findByContentHash(clusterContentHash(cluster))).toHaveLength(1);
  });
});
