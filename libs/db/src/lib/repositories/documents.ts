import type pg from 'pg';
import { DocumentFormatError, DOCUMENT_FORMAT } from '@hetsched/codec';
import { copyOutRow } from './blob-io.js';
import { sqlLiteral, withConnection } from './context.js';
import { isUuid } from './ids.js';

/** The tables that hold encoded documents, keyed by their owner's id. */
export type ContentTable =
  | { table: 'workflow_contents'; key: 'workflow_id' }
  | { table: 'cluster_contents'; key: 'cluster_id' }
  | { table: 'run_assignments'; key: 'run_id' };

export const WORKFLOW_CONTENT: ContentTable = { table: 'workflow_contents', key: 'workflow_id' };
export const CLUSTER_CONTENT: ContentTable = { table: 'cluster_contents', key: 'cluster_id' };
export const ASSIGNMENTS_CONTENT: ContentTable = { table: 'run_assignments', key: 'run_id' };

/** Reads one encoded document (binary COPY: no hex round trip); null when there is none. */
export async function readContent(pool: pg.Pool, content: ContentTable, ownerId: string): Promise<Uint8Array | null> {
  if (!isUuid(ownerId)) return null;
  const row = await withConnection(pool, (client) =>
    copyOutRow(client, `SELECT format, data FROM ${content.table} WHERE ${content.key} = ${sqlLiteral(ownerId)}`),
  );
  if (row === null) return null;
  const format = Buffer.from(row[0]!).toString('utf8');
  if (format !== DOCUMENT_FORMAT) throw new DocumentFormatError(`unsupported format "${format}" in ${content.table}`);
  return row[1]!;
}
