import type { Store } from '@hetsched/db';
import { clusterOf, largeWorkflow } from '@hetsched/db/testing';

/** A stored workflow and cluster small enough for fast tests, big enough for the GA to run many generations. */
export async function storeProblem(store: Store, tasks = 60, processors = 4): Promise<{ workflowId: string; clusterId: string }> {
  const { workflow } = await store.workflows.create({ spec: largeWorkflow({ tasks, processors, edgesPerTask: 2, seed: 7 }) });
  const cluster = await store.clusters.create({ spec: clusterOf(processors, 3) });
  return { workflowId: workflow.id, clusterId: cluster.id };
}
