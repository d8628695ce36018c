import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, type TestApi } from '../testing/api-harness.js';
import { CREATE_CLUSTER, paper } from '../testing/fixtures.js';

interface Created {
  createCluster: { id: string; name: string | null; processorCount: number; linkCount: number; tags: string[] };
}

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

async function countClusters(): Promise<number> {
  const client = new pg.Client({ connectionString: api.connectionString });
  await client.connect();
  try {
    return Number((await client.query<{ count: string }>('SELECT count(*) FROM clusters')).rows[0]!.count);
  } finally {
    await client.end();
  }
}

describe('createCluster and cluster', () => {
  it('stores a structured cluster and reads back its processors and network with defaults filled in', async () => {
    const created = dataOf(
      await api.graphql<Created>(CREATE_CLUSTER, {
        input: {
          cluster: {
            name: 'lab',
            processors: [{ id: 'cpu', speed: 1, cores: 8 }, { id: 'gpu', speed: 4, type: 'gpu' }, { id: 'slow' }],
            network: { bandwidth: 10, links: [{ between: ['cpu', 'gpu'], bandwidth: 100, latency: 0.5 }] },
          },
          tags: ['lab'],
        },
      }),
    ).createCluster;
    expect(created).toMatchObject({ name: 'lab', processorCount: 3, linkCount: 1, tags: ['lab'] });

    const read = dataOf(
      await api.graphql<{ cluster: { processors: unknown[]; network: unknown } }>(
        'query($id: ID!) { cluster(id: $id) { processors { id speed cores memoryGb type } network { bandwidth latency links { between bandwidth latency } } } }',
        { id: created.id },
      ),
    ).cluster;
    expect(read.processors).toEqual([
      { id: 'cpu', speed: 1, cores: 8, memoryGb: null, type: null },
      { id: 'gpu', speed: 4, cores: null, memoryGb: null, type: 'gpu' },
      { id: 'slow', speed: 1, cores: null, memoryGb: null, type: null },
    ]);
    expect(read.network).toEqual({ bandwidth: 10, latency: 0, links: [{ between: ['cpu', 'gpu'], bandwidth: 100, latency: 0.5 }] });
  });

  it('stores a native document and returns it as given', async () => {
    const created = dataOf(await api.graphql<Created>(CREATE_CLUSTER, { input: { document: paper.clusterText, name: 'renamed' } })).createCluster;
    expect(created).toMatchObject({ name: 'renamed', processorCount: 3 });
    const read = dataOf(await api.graphql<{ cluster: { document: unknown } }>('query($id: ID!) { cluster(id: $id) { document } }', { id: created.id }));
    expect(read.cluster.document).toEqual({ ...paper.cluster, name: 'renamed' });
  });

  it('refuses an invalid cluster with its JSON path and processor, storing nothing', async () => {
    const before = await countClusters();
    const response = await api.graphql(CREATE_CLUSTER, {
      input: { cluster: { processors: [{ id: 'a', speed: 1 }, { id: 'b', speed: -2 }], network: { links: [{ between: ['a', 'z'] }] } } },
    });
    const error = errorOf(response);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^input\.cluster: \$\.processors\[1\]\.speed: must be greater than 0, got -2 \(processor "b"\) \(and 1 more; see extensions\.issues\)$/);
    expect(error.extensions['issues']).toEqual([
      expect.objectContaining({ path: '$.processors[1].speed', processorId: 'b' }),
      expect.objectContaining({ path: expect.stringMatching(/^\$\.network\.links\[0\]\.between/) }),
    ]);
    expect(await countClusters()).toBe(before);
  });

  it('lists clusters newest first with cursors', async () => {
    const page = dataOf(
      await api.graphql<{ clusters: { edges: { node: { name: string | null } }[]; pageInfo: { hasNextPage: boolean } } }>(
        '{ clusters(first: 1) { edges { node { name } } pageInfo { hasNextPage } } }',
      ),
    ).clusters;
    expect(page.edges.map((e) => e.node.name)).toEqual(['renamed']);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('reports an unknown cluster as NOT_FOUND', async () => {
    const error = errorOf(await api.graphql('{ cluster(id: "00000000-0000-7000-8000-000000000000") { id } }'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'Cluster "00000000-0000-7000-8000-000000000000" not found' });
  });
});
