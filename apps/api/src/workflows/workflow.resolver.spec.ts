import type { WorkflowSpec } from '@hetsched/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, type TestApi } from '../testing/api-harness.js';
import { paper, SUBMIT_DOCUMENT } from '../testing/fixtures.js';

interface Submitted {
  submitWorkflow: {
    created: boolean;
    warnings: string[];
    workflow: { id: string; name: string | null; tags: string[]; taskCount: number; edgeCount: number; contentHash: string; createdAt: string };
    traceCluster: { id: string; name: string | null; processorCount: number } | null;
  };
}

interface Connection {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

async function countRows(table: string): Promise<number> {
  const client = new pg.Client({ connectionString: api.connectionString });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
    return Number(result.rows[0]!.count);
  } finally {
    await client.end();
  }
}

async function submit(input: Record<string, unknown>) {
  return api.graphql<Submitted>(SUBMIT_DOCUMENT, { input });
}

describe('submitWorkflow and workflow', () => {
  it('stores a native document and gives it back field for field', async () => {
    const submitted = dataOf(await submit({ document: paper.workflowText, tags: ['paper', ' heft ', 'paper'] })).submitWorkflow;
    expect(submitted).toMatchObject({ created: true, warnings: [], traceCluster: null });
    expect(submitted.workflow).toMatchObject({ name: 'topcuoglu2002', tags: ['paper', 'heft'], taskCount: 10, edgeCount: 15 });
    expect(submitted.workflow.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const read = dataOf(
      await api.graphql<{ workflow: { id: string; document: WorkflowSpec; tasks: { id: string; costs: { processor: string; time: number }[] }[]; edges: unknown[] } }>(
        'query($id: ID!) { workflow(id: $id) { id document tasks { id costs { processor time } } edges { from to data } } }',
        { id: submitted.workflow.id },
      ),
    ).workflow;
    expect(read.document).toEqual(paper.workflow);
    expect(read.tasks[0]).toEqual({ id: 'n1', costs: [{ processor: 'p1', time: 14 }, { processor: 'p2', time: 16 }, { processor: 'p3', time: 9 }] });
    expect(read.edges).toHaveLength(15);
  });

  it('gives structured input and the same document the same content hash', async () => {
    // The paper's file has a "description", which the structured input has no field for.
    const { description: _description, ...workflow } = paper.workflow;
    const structured = {
      name: workflow.name,
      tasks: workflow.tasks.map((t) => ({ id: t.id, costs: Object.entries(t.costs!).map(([processor, time]) => ({ processor, time })) })),
      edges: workflow.edges.map((e) => ({ from: e.from, to: e.to, data: e.data })),
    };
    const fromStructure = dataOf(await submit({ workflow: structured })).submitWorkflow.workflow;
    const fromDocument = dataOf(await submit({ document: JSON.stringify(workflow) })).submitWorkflow.workflow;
    expect(fromStructure.contentHash).toBe(fromDocument.contentHash);
    expect(fromStructure.id).not.toBe(fromDocument.id);
  });

  it('refuses an invalid workflow with the JSON path and task in the message and every issue attached, storing nothing', async () => {
    const before = await countRows('workflows');
    const workflow = paper.workflow;
    workflow.edges.push({ from: 'n10', to: 'n99', data: 1 });
    workflow.tasks[3]!.costs!['p2'] = -8;
    const response = await submit({ document: JSON.stringify(workflow) });
    const error = errorOf(response);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('input.document: $.tasks[3].costs.p2: must not be negative, got -8 (task "n4", processor "p2") (and 1 more; see extensions.issues)');
    expect(error.extensions['issues']).toEqual([
      { severity: 'error', path: '$.tasks[3].costs.p2', message: 'must not be negative, got -8 (task "n4", processor "p2")', taskId: 'n4', processorId: 'p2' },
      { severity: 'error', path: '$.edges[15].to', message: 'edge to unknown task "n99"', taskId: 'n99' },
    ]);
    expect(response.data).toBeNull();
    expect(await countRows('workflows')).toBe(before);
  });

  it('returns the earlier workflow for a repeated idempotency key, and refuses the key for another request', async () => {
    const first = dataOf(await submit({ document: paper.workflowText, idempotencyKey: 'retry-1' })).submitWorkflow;
    const again = dataOf(await submit({ document: paper.workflowText, idempotencyKey: 'retry-1' })).submitWorkflow;
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.workflow.id).toBe(first.workflow.id);

    const other = errorOf(await submit({ document: paper.workflowText, idempotencyKey: 'retry-1', tags: ['different'] }));
    expect(other.code).toBe('BAD_USER_INPUT');
    expect(other.message).toContain(`input.idempotencyKey "retry-1" was already used with a different request (it created workflow "${first.workflow.id}")`);
  });

  it('stores one workflow when retries with one key race each other', async () => {
    const before = await countRows('workflows');
    const results = await Promise.all(Array.from({ length: 6 }, () => submit({ document: paper.workflowText, idempotencyKey: 'race-1' })));
    const payloads = results.map((r) => dataOf(r).submitWorkflow);
    expect(new Set(payloads.map((p) => p.workflow.id)).size).toBe(1);
    expect(payloads.filter((p) => p.created)).toHaveLength(1);
    expect(await countRows('workflows')).toBe(before + 1);
  });

  it('reports unknown and malformed ids as NOT_FOUND', async () => {
    for (const id of ['00000000-0000-7000-8000-000000000000', 'not-a-uuid']) {
      const error = errorOf(await api.graphql('query($id: ID!) { workflow(id: $id) { id } }', { id }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe(`Workflow "${id}" not found`);
    }
  });

  it('deletes a workflow; a second delete is NOT_FOUND', async () => {
    const { id } = dataOf(await submit({ document: paper.workflowText })).submitWorkflow.workflow;
    expect(dataOf(await api.graphql<{ deleteWorkflow: string }>('mutation($id: ID!) { deleteWorkflow(id: $id) }', { id })).deleteWorkflow).toBe(id);
    expect(errorOf(await api.graphql('query($id: ID!) { workflow(id: $id) { id } }', { id })).code).toBe('NOT_FOUND');
    expect(errorOf(await api.graphql('mutation($id: ID!) { deleteWorkflow(id: $id) }', { id })).code).toBe('NOT_FOUND');
  });
});

describe('workflows (connection)', () => {
  it('pages by cursor without duplicates or gaps, newest first, filtered by tag', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(dataOf(await submit({ document: paper.workflowText, name: `paged ${i}`, tags: ['paged'] })).submitWorkflow.workflow.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Connection = dataOf(
        await api.graphql<{ workflows: Connection }>(
          'query($after: String) { workflows(filter: { tag: "paged" }, first: 10, after: $after) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }',
          { after },
        ),
      ).workflows;
      pages++;
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('caps the page size and refuses a foreign cursor', async () => {
    const tooBig = errorOf(await api.graphql('{ workflows(first: 101) { edges { cursor } } }'));
    expect(tooBig).toMatchObject({ code: 'BAD_USER_INPUT', message: 'first must be between 1 and 100, got 101' });
    expect(errorOf(await api.graphql('{ workflows(first: 0) { edges { cursor } } }')).code).toBe('BAD_USER_INPUT');
    const foreign = errorOf(await api.graphql('{ workflows(after: "bm90IGEgY3Vyc29y") { edges { cursor } } }'));
    expect(foreign.code).toBe('BAD_USER_INPUT');
    expect(foreign.message).toMatch(/^after: /);
  });
});
