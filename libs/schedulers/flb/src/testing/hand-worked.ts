import type { ClusterSpec, WorkflowSpec } from '@hetsched/core';

/** The worked example of flb.spec.ts (derived there by hand), shared with the reference's own check. */
export const handWorked: { workflow: WorkflowSpec; cluster: ClusterSpec } = {
  // Listed b, a, c, d, e. a -> c (1), a -> d (1), b -> e (1); a transfer takes its data volume, so c̄ = data.
  workflow: {
    tasks: [
      { id: 'b', costs: { p: 1, q: 3 } },
      { id: 'a', costs: { p: 2, q: 2 } },
      { id: 'c', costs: { p: 2, q: 2 } },
      { id: 'd', costs: { p: 3, q: 1 } },
      { id: 'e', costs: { p: 1, q: 1 } },
    ],
    edges: [
      { from: 'a', to: 'c', data: 1 },
      { from: 'a', to: 'd', data: 1 },
      { from: 'b', to: 'e', data: 1 },
    ],
  },
  cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 0, bandwidth: 1 } },
};
