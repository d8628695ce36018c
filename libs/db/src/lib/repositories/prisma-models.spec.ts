import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** The generated client against the migrated database: every model can be written and read back through Prisma. */
describe('Prisma client on the migrated schema', () => {
  it('creates and reads every model', async () => {
    const { prisma } = db;
    const workflow = await prisma.workflow.create({
      data: { name: 'w', tags: ['t'], contentHash: 'h', taskCount: 1, edgeCount: 0, content: { create: { format: 'hsdoc/1', data: Buffer.from([1, 2, 3]) } } },
      include: { content: true },
    });
    expect(workflow.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Buffer.from(workflow.content!.data)).toEqual(Buffer.from([1, 2, 3]));
    const cluster = await prisma.cluster.create({
      data: { name: 'c', tags: [], contentHash: 'h', processorCount: 2, linkCount: 0, content: { create: { format: 'hsdoc/1', data: Buffer.alloc(0) } } },
    });
    const run = await prisma.run.create({
      data: {
        workflowId: workflow.id,
        clusterId: cluster.id,
        scheduler: 'heft',
        schedulerVersion: '1',
        options: { b: 1, a: 2 },
        assignments: { create: { format: 'hsdoc/1', taskCount: 0, data: Buffer.alloc(0) } },
        events: { create: [{ sequence: 1, kind: 'status', data: { z: 1, y: 2 } }] },
      },
      include: { assignments: true, events: true },
    });
    expect(run.status).toBe('QUEUED');
    expect(Object.keys(run.options as object)).toEqual(['b', 'a']); // json keeps key order
    expect(run.events).toHaveLength(1);
    await prisma.schedulerPlugin.create({ data: { name: 'heft', version: '1', packageName: 'p', optionsSchema: { type: 'object', properties: {} } } });
    await prisma.apiToken.create({ data: { name: 'n', tokenHash: 'x'.repeat(64), role: 'ADMIN' } });
    await prisma.idempotencyKey.create({ data: { key: 'k', workflowId: workflow.id } });

    const counts = await Promise.all([
      prisma.workflow.count(),
      prisma.workflowContent.count(),
      prisma.cluster.count(),
      prisma.clusterContent.count(),
      prisma.run.count(),
      prisma.runAssignments.count(),
      prisma.runEvent.count(),
      prisma.schedulerPlugin.count(),
      prisma.apiToken.count(),
      prisma.idempotencyKey.count(),
    ]);
    expect(counts).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

    // cascades: deleting the workflow removes its content, runs (with their assignments and events) and keys
    await prisma.workflow.delete({ where: { id: workflow.id } });
    expect(await prisma.run.count()).toBe(0);
    expect(await prisma.runEvent.count()).toBe(0);
    expect(await prisma.idempotencyKey.count()).toBe(0);
  });
});
