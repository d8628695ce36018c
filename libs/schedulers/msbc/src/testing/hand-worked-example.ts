// The hand-worked example of msbc.spec.ts (the derivation is there), which the naive reference of
// msbc.property.spec.ts must reproduce too: one copy for both specs. Test support, excluded from the build.
import type { ClusterSpec, WorkflowSpec } from '@hetsched/core';

export const workflow: WorkflowSpec = {
  tasks: [
    { id: 'a', costs: { P: 2, Q: 4 } },
    { id: 'b', costs: { P: 3, Q: 3 } },
    { id: 'c', costs: { P: 3, Q: 6 } },
    { id: 'd', costs: { P: 2, Q: 2 } },
    { id: 'e', costs: { P: 1, Q: 1 } },
  ],
  edges: [
    { from: 'a', to: 'c', data: 4 },
    { from: 'b', to: 'c', data: 2 },
    { from: 'a', to: 'd', data: 0 },
  ],
};

export const cluster: ClusterSpec = { processors: [{ id: 'P' }, { id: 'Q' }], network: { latency: 1, bandwidth: 2 } };

/** Both documents, as the naive reference of the property spec takes them. */
export const handWorkedExample = { workflow, cluster };
