import { generateCluster, generateWorkflow, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, type TestApi } from '../testing/api-harness.js';
import { CREATE_CLUSTER, paper } from '../testing/fixtures.js';
import { boundedParam, generateDocuments } from './workflow-generate.js';
import type { GenerateWorkflowInput } from './workflow-generate.input.js';

const GENERATE = `
  mutation Generate($input: GenerateWorkflowInput!) {
    generateWorkflow(input: $input) {
      workflow { id name tags taskCount edgeCount document }
      cluster { id name processorCount linkCount document }
    }
  }`;

interface Generated {
  generateWorkflow: {
    workflow: { id: string; name: string; tags: string[]; taskCount: number; edgeCount: number; document: WorkflowSpec };
    cluster: { id: string; name: string; processorCount: number; linkCount: number; document: ClusterSpec };
  };
}

describe('generateDocuments (bounds, no server)', () => {
  // Each case is one parameter just outside the bounds of WORKFLOW_BOUNDS / CLUSTER_BOUNDS, read off the table:
  // the message names the field, the rule and the value.
  const outside: [Partial<GenerateWorkflowInput>, string][] = [
    [{ tasks: 0 }, 'input.tasks: must be an integer between 1 and 20000, got 0'],
    [{ tasks: 20_001 }, 'input.tasks: must be an integer between 1 and 20000, got 20001'],
    [{ shape: 0.01 }, 'input.shape: must be a number between 0.05 and 20, got 0.01'],
    [{ outDegree: 51 }, 'input.outDegree: must be an integer between 1 and 50, got 51'],
    [{ ccr: -1 }, 'input.ccr: must be a number between 0 and 100, got -1'],
    [{ heterogeneity: 2 }, 'input.heterogeneity: must be a number between 0 and 1.99, got 2'],
    [{ meanCost: 0.001 }, 'input.meanCost: must be a number between 0.01 and 1000000, got 0.001'],
    [{ seed: -1 }, 'input.seed: must be an integer between 0 and 2147483647, got -1'],
    [{ name: ' ' }, 'input.name: must have 1 to 200 characters, got 0'],
    [{ cluster: { processors: 257 } }, 'input.cluster.processors: must be an integer between 1 and 256, got 257'],
    [{ cluster: { processors: 2, speedMin: 0 } }, 'input.cluster.speedMin: must be a number between 0.01 and 1000, got 0'],
    [{ cluster: { processors: 2, speedMin: 2, speedMax: 1 } }, 'input.cluster.speedMax: must be at least speedMin (2), got 1'],
    [{ cluster: { processors: 2, bandwidth: 0 } }, 'input.cluster.bandwidth: must be a number above 0 and at most 1000000000, got 0'],
    [{ cluster: { processors: 2, latency: 1e7 } }, 'input.cluster.latency: must be a number between 0 and 1000000, got 10000000'],
    // 20,000 tasks x 101 processors = 2,020,000 costs > 2,000,000.
    [{ tasks: 20_000, cluster: { processors: 101 } }, 'input.tasks: tasks x processors must be at most 2000000, got 20000 x 101'],
  ];
  it.each(outside)('refuses %j', (change, message) => {
    const input = { tasks: 10, cluster: { processors: 2 }, ...change } as GenerateWorkflowInput;
    expect(() => generateDocuments(input)).toThrow(message);
  });

  it('fills in the paper defaults and gives costs for the generated processors', () => {
    const { workflow, cluster } = generateDocuments({ tasks: 12, cluster: { processors: 3 } } as GenerateWorkflowInput);
    // Defaults of WORKFLOW_BOUNDS: shape 1, out-degree 3, CCR 1, β 1, w̄ 20, seed 1.
    expect(workflow.generator).toEqual({ model: 'Topcuoglu2002', tasks: 12, shape: 1, outDegree: 3, ccr: 1, heterogeneity: 1, meanCost: 20, seed: 1 });
    expect(cluster!.processors.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    for (const task of workflow.tasks) expect(Object.keys(task.costs!)).toEqual(['p1', 'p2', 'p3']);
  });

  it('uses the processors of a stored cluster when given one', () => {
    const { workflow, cluster } = generateDocuments({ tasks: 5, seed: 3 } as GenerateWorkflowInput, paper.cluster);
    expect(cluster).toBeUndefined();
    expect(Object.keys(workflow.tasks[0]!.costs!)).toEqual(paper.cluster.processors.map((p) => p.id));
  });

  it('accepts the bounds themselves', () => {
    expect(boundedParam('x', 1, { min: 1, max: 2, integer: true })).toBe(1);
    expect(boundedParam('x', 2, { min: 1, max: 2, integer: true })).toBe(2);
    expect(boundedParam('x', undefined, { min: 1, max: 2, default: 1.5 })).toBe(1.5);
    expect(() => boundedParam('x', 1.5, { min: 1, max: 2, integer: true })).toThrow('x: must be an integer between 1 and 2, got 1.5');
  });
});

describe('generateWorkflow (mutation)', () => {
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
      return Number((await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`)).rows[0]!.count);
    } finally {
      await client.end();
    }
  }

  it('stores the workflow and its new cluster, as the generators make them for those parameters', async () => {
    const input = { tasks: 40, ccr: 2, heterogeneity: 0.5, seed: 9, tags: ['random'], cluster: { processors: 4, speedMin: 1, speedMax: 3, heterogeneousLinks: true } };
    const { workflow, cluster } = dataOf(await api.graphql<Generated>(GENERATE, { input })).generateWorkflow;
    // The reference: core's generators called directly with the same parameters and the documented defaults.
    const expectedCluster = generateCluster({ processors: 4, speed: [1, 3], bandwidth: 1, latency: 0, heterogeneousLinks: true, seed: 9 });
    const expectedWorkflow = generateWorkflow({ tasks: 40, shape: 1, outDegree: 3, ccr: 2, heterogeneity: 0.5, meanCost: 20, seed: 9, processors: ['p1', 'p2', 'p3', 'p4'] });
    expect(cluster.document).toEqual(expectedCluster);
    expect(workflow.document).toEqual(expectedWorkflow);
    expect(workflow).toMatchObject({ taskCount: 40, edgeCount: expectedWorkflow.edges.length, tags: ['random'] });
    // 4 processors with a link per pair: 4·3/2 = 6 links.
    expect(cluster).toMatchObject({ processorCount: 4, linkCount: 6 });

    const scheduled = dataOf(
      await api.graphql<{ scheduleWorkflow: { id: string } }>('mutation($w: ID!, $c: ID!) { scheduleWorkflow(workflowId: $w, clusterId: $c) { id } }', { w: workflow.id, c: cluster.id }),
    );
    expect(await api.waitForRun(scheduled.scheduleWorkflow.id)).toBe('SUCCEEDED');
  });

  it('gives costs for the processors of a stored cluster and returns that cluster', async () => {
    const stored = dataOf(await api.graphql<{ createCluster: { id: string } }>(CREATE_CLUSTER, { input: { document: paper.clusterText } })).createCluster;
    const { workflow, cluster } = dataOf(await api.graphql<Generated>(GENERATE, { input: { tasks: 8, clusterId: stored.id, name: 'for the paper cluster' } })).generateWorkflow;
    expect(cluster.id).toBe(stored.id);
    expect(workflow.name).toBe('for the paper cluster');
    expect(Object.keys(workflow.document.tasks[0]!.costs!)).toEqual(['p1', 'p2', 'p3']);
  });

  it('refuses bad requests naming the field, storing nothing', async () => {
    const before = [await countRows('workflows'), await countRows('clusters')];
    const both = errorOf(await api.graphql(GENERATE, { input: { tasks: 5, clusterId: '00000000-0000-7000-8000-000000000000', cluster: { processors: 2 } } }));
    expect(both).toMatchObject({ code: 'BAD_USER_INPUT', message: 'input: give exactly one of clusterId or cluster' });
    const neither = errorOf(await api.graphql(GENERATE, { input: { tasks: 5 } }));
    expect(neither.message).toBe('input: give exactly one of clusterId or cluster');
    const bounds = errorOf(await api.graphql(GENERATE, { input: { tasks: 5, ccr: 101, cluster: { processors: 2 } } }));
    expect(bounds).toMatchObject({ code: 'BAD_USER_INPUT', message: 'input.ccr: must be a number between 0 and 100, got 101', extensions: { field: 'input.ccr' } });
    const unknown = errorOf(await api.graphql(GENERATE, { input: { tasks: 5, clusterId: '00000000-0000-7000-8000-000000000000' } }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: 'Cluster "00000000-0000-7000-8000-000000000000" not found' });
    expect([await countRows('workflows'), await countRows('clusters')]).toEqual(before);
  });

  it('needs the SUBMITTER role', async () => {
    const reader = await api.tokenFor('READER');
    const error = errorOf(await api.graphql(GENERATE, { input: { tasks: 5, cluster: { processors: 2 } } }, { token: reader }));
    expect(error.code).toBe('FORBIDDEN');
  });
});
