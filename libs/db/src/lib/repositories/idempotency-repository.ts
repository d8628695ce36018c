import type { PrismaClient } from '../../generated/prisma/client.js';
import { isUuid } from './ids.js';

export interface IdempotencyRecord {
  key: string;
  workflowId: string;
  requestHash: string | null;
  createdAt: Date;
}

/**
 * submitWorkflow's idempotency keys (key -> workflow). WorkflowRepository.create records a key in the same
 * transaction as the workflow it creates; this repository reads, records and expires keys.
 */
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  find(key: string): Promise<IdempotencyRecord | null> {
    return this.prisma.idempotencyKey.findUnique({ where: { key } });
  }

  /**
   * Records `key -> workflowId` unless the key is taken; returns the stored record (the earlier one when taken) and
   * whether this call stored it.
   */
  async record(key: string, workflowId: string, requestHash?: string | null): Promise<{ record: IdempotencyRecord; created: boolean }> {
    if (!isUuid(workflowId)) throw new TypeError(`not a workflow id: ${workflowId}`);
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO idempotency_keys (key, workflow_id, request_hash) VALUES (${key}, ${workflowId}::uuid, ${requestHash ?? null})
      ON CONFLICT (key) DO NOTHING`;
    const record = await this.find(key);
    if (!record) throw new Error(`idempotency key ${key} vanished`); // deleted concurrently
    return { record, created: inserted > 0 };
  }

  /** Deletes keys created before `date` (their retention is over); returns how many. */
  async deleteCreatedBefore(date: Date): Promise<number> {
    const { count } = await this.prisma.idempotencyKey.deleteMany({ where: { createdAt: { lt: date } } });
    return count;
  }
}
