// The hand-worked example of wba.spec.ts (the derivation is there), which the naive reference of
// wba.property.spec.ts must reproduce too: one copy for both specs. Test support, excluded from the build.
import type { ClusterSpec, WorkflowSpec } from '@hetsched/core';

export const workflow: WorkflowSpec = {
  tasks: [
    { id: 'a', costs: { P: 2, Q: 3 } },
    { id: 'b', costs: { P: 4, Q: 5 } },
    { id: 'c', costs: { P: 2, Q: 2 } },
  ],
  edges: [{ from: 'a', to: 'c', data: 2 }],
};

export const cluster: ClusterSpec = { processors: [{ id: 'P' }, { id: 'Q' }], network: { latency: 1, bandwidth: 2 } };

/** Both documents, as the naive reference of the property spec takes them. */
export const handWorkedExample = { workflow, cluster };
