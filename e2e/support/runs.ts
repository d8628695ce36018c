import { dataOf, graphqlRequest } from './api-server.js';

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
