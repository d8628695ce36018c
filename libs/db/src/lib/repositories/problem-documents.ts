import type pg from 'pg';
import { DocumentFormatError, DOCUMENT_FORMAT } from '@hetsched/codec';
import { copyOutRow } from './blob-io.js';
import { sqlLiteral, withConnection } from './context.js';
import { CLUSTER_CONTENT, WORKFLOW_CONTENT, type ContentTable } from './documents.js';
import { isUuid } from './ids.js';

/** A schedule run's problem as stored: the encoded documents (workflow-codec, cluster-codec), null where one is gone. */
export interface ProblemDocuments {
  workflow: Uint8Array | null;
  cluster: Uint8Array | null;
}

/**
 * The encoded workflow and cluster documents of a problem in one statement (a binary COPY, like readContent: no hex
 * round trip), exactly the bytes their repositories stored: a worker hands them to its thread as they are, with no
 * summary row (a Prisma read) and no decode + re-encode. A missing document (deleted) is null.
 */
export async function readProblemDocuments(pool: pg.Pool, workflowId: string, clusterId: string): Promise<ProblemDocuments> {
  if (!isUuid(workflowId) || !isUuid(clusterId)) return { workflow: null, cluster: null };
  // LEFT JOINs from one row: a row comes back even when a document is missing, which tells which one.
  const row = await withConnection(pool, (client) =>
    copyOutRow(
      client,
      `SELECT w.format, w.data, c.format, c.data FROM (SELECT 1) AS one
         LEFT JOIN ${WORKFLOW_CONTENT.table} w ON w.${WORKFLOW_CONTENT.key} = ${sqlLiteral(workflowId)}
         LEFT JOIN ${CLUSTER_CONTENT.table} c ON c.${CLUSTER_CONTENT.key} = ${sqlLiteral(clusterId)}`,
    ),
  );
  return { workflow: checked(WORKFLOW_CONTENT, row?.[0] ?? null, row?.[1] ?? null), cluster: checked(CLUSTER_CONTENT, row?.[2] ?? null, row?.[3] ?? null) };
}

function checked(content: ContentTable, format: Uint8Array | null, data: Uint8Array | null): Uint8Array | null {
  if (format === null || data === null) return null;
  const name = Buffer.from(format).toString('utf8');
  if (name !== DOCUMENT_FORMAT) throw new DocumentFormatError(`unsupported format "${name}" in ${content.table}`);
  return data;
}
