import { readFile } from 'node:fs/promises';
import { dataOf, graphqlRequest } from './api-server.js';
import { paperExample } from './paths.js';

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/**
 * Runs are queued (docs/runs.md): scheduleWorkflow returns the QUEUED run and a worker executes it. This reads the
 * run (with `selection`, which must include `status`) until it is final, or throws after `timeoutMs`.
 */
export async function waitForRun<T extends { status: string }>(
  url: string,
  id: string,
  token: string,
  selection = 'id status makespan error',
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = dataOf(await graphqlRequest<{ scheduleRun: T }>(url, `query($id: ID!) { scheduleRun(id: $id) { ${selection} } }`, { id }, token)).scheduleRun;
    if (FINAL.has(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A runProgress event with the fields the run suites read. */
export interface ProgressEvent {
  sequence: number;
  cursor: string;
  kind: string;
  status: string | null;
  final: boolean;
  data: Record<string, unknown> | null;
}

/** Every event of a run after the cursor `after` (all when absent), live until the final one. */
export const PROGRESS_SUBSCRIPTION = `subscription($runId: ID!, $after: String) {
  runProgress(runId: $runId, after: $after) { sequence cursor kind status final data }
}`;

export const SCHEDULE_MUTATION = `mutation($w: ID!, $c: ID!, $s: String!, $o: JSONObject) {
  scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: $s, options: $o) { id status }
}`;

/** Stores the HEFT paper's example (../shared/fixtures/topcuoglu2002) through the API: its workflow and cluster ids. */
export async function storePaperExample(url: string, token: string): Promise<{ workflowId: string; clusterId: string }> {
  const [workflow, cluster] = await Promise.all([readFile(`${paperExample}workflow.json`, 'utf8'), readFile(`${paperExample}cluster.json`, 'utf8')]);
  const workflowId = dataOf(
    await graphqlRequest<{ submitWorkflow: { workflow: { id: string } } }>(url, 'mutation($i: SubmitWorkflowInput!) { submitWorkflow(input: $i) { workflow { id } } }', { i: { document: workflow } }, token),
  ).submitWorkflow.workflow.id;
  const clusterId = dataOf(
    await graphqlRequest<{ createCluster: { id: string } }>(url, 'mutation($i: CreateClusterInput!) { createCluster(input: $i) { id } }', { i: { document: cluster } }, token),
  ).createCluster.id;
  return { workflowId, clusterId };
}
