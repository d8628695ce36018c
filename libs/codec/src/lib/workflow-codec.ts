import type { Assignment, ClusterSpec, WorkflowSpec } from '@hetsched/core';
import { decodeDocument, encodeDocument, type NodeSchema } from './document-codec.js';

/**
 * How workflows, clusters and assignments are stored: one `bytea` value each, in the "hsdoc/1" format of
 * document-codec (typed-array columns + an exact-JSON header). See docs/store.md for the measurements behind it.
 * Every document round-trips exactly: decode(encode(x)) has the same keys in the same order and the same values
 * (bit-exact doubles, -0 and NaN included), extra fields included.
 */
export const DOCUMENT_FORMAT = 'hsdoc/1';

export const WORKFLOW_SCHEMA: NodeSchema = {
  kind: 'object',
  fields: {
    tasks: {
      kind: 'table',
      idColumn: 'id',
      columns: { id: 'string', work: 'number', costs: 'numberRecord', memoryGb: 'number', priority: 'number' },
    },
    edges: {
      kind: 'table',
      refersTo: 'tasks',
      columns: { from: 'ref', to: 'ref', data: 'number' },
    },
  },
};

export const CLUSTER_SCHEMA: NodeSchema = {
  kind: 'object',
  fields: {
    processors: {
      kind: 'table',
      idColumn: 'id',
      columns: { id: 'string', speed: 'number', cores: 'number', memoryGb: 'number', type: 'dictString' },
    },
    network: {
      kind: 'object',
      fields: {
        links: {
          kind: 'table',
          refersTo: 'processors',
          columns: { between: 'refPair', bandwidth: 'number', latency: 'number' },
        },
      },
    },
  },
};

export const ASSIGNMENTS_SCHEMA: NodeSchema = {
  kind: 'table',
  columns: { task: 'string', processor: 'dictString', start: 'number', finish: 'number' },
};

export function encodeWorkflow(workflow: WorkflowSpec): Buffer {
  return encodeDocument(WORKFLOW_SCHEMA, workflow);
}

export function decodeWorkflow(bytes: Uint8Array): WorkflowSpec {
  return decodeDocument(WORKFLOW_SCHEMA, bytes) as WorkflowSpec;
}

export function encodeCluster(cluster: ClusterSpec): Buffer {
  return encodeDocument(CLUSTER_SCHEMA, cluster);
}

export function decodeCluster(bytes: Uint8Array): ClusterSpec {
  return decodeDocument(CLUSTER_SCHEMA, bytes) as ClusterSpec;
}

export function encodeAssignments(assignments: readonly Assignment[]): Buffer {
  return encodeDocument(ASSIGNMENTS_SCHEMA, assignments);
}

export function decodeAssignments(bytes: Uint8Array): Assignment[] {
  return decodeDocument(ASSIGNMENTS_SCHEMA, bytes) as Assignment[];
}
