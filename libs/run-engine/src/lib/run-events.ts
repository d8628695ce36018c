import type { Queryable, RunEventInput, RunEventRecord, Store } from '@hetsched/db';
import { CHANNELS, isFinalStatus, type RunStatusName } from './channels.js';
import { notify } from './pg-listener.js';

/** What goes over NOTIFY for a stored event: always the ids, the event itself when it fits. */
export interface EventNotification {
  runId: string;
  sequence: number;
  kind: string;
  /** For `status` events. */
  status?: RunStatusName;
  /** The event as stored (createdAt as ISO text), when the payload stays under the limit. */
  event?: Omit<RunEventRecord, 'createdAt'> & { createdAt: string };
}

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; keep a margin. */
export const MAX_NOTIFY_BYTES = 7_500;

/**
 * Stores an event (next sequence number of the run) and announces it to every process. `db`: a connection in a
 * transaction (the event is stored, and announced on commit, with the change it reports), else the pool.
 */
export async function appendRunEvent(store: Pick<Store, 'events' | 'pool'>, runId: string, input: RunEventInput, db: Queryable = store.pool): Promise<RunEventRecord | null> {
  const record = await store.events.append(runId, input, db);
  if (!record) return null;
  await announceEvent(db, record);
  return record;
}

/** NOTIFYs a stored event on the run-events channel: always its ids, the whole event when it fits in a payload. */
export async function announceEvent(db: Queryable, record: RunEventRecord): Promise<void> {
  const { channel, payload } = eventAnnouncement(record);
  await notify(db, channel, payload);
}

/** The run-events NOTIFY of a stored event: always its ids, the whole event when it fits in a payload. */
export function eventAnnouncement(record: RunEventRecord): { channel: string; payload: string } {
  const status = record.kind === 'status' ? (record.data?.['status'] as RunStatusName | undefined) : undefined;
  const base: EventNotification = { runId: record.runId, sequence: record.sequence, kind: record.kind, ...(status ? { status } : {}) };
  const full: EventNotification = { ...base, event: { ...record, createdAt: record.createdAt.toISOString() } };
  const text = JSON.stringify(full);
  return { channel: CHANNELS.runEvents, payload: Buffer.byteLength(text) < MAX_NOTIFY_BYTES ? text : JSON.stringify(base) };
}

/**
 * A `status` event: data `{ status, error?, makespan?, modelVersion?, ...outcome }` (modelVersion: a training run's
 * model; outcome: what else a kind of run reports with its success, e.g. a hard-instance run's ratio and documents).
 */
export function statusEvent(
  status: RunStatusName,
  extra: { error?: string | null; makespan?: number | null; modelVersion?: string | null; outcome?: Record<string, string | number> } = {},
): RunEventInput {
  return {
    kind: 'status',
    message: extra.error ? `${status}: ${extra.error}` : status,
    ...(isFinalStatus(status) ? { fraction: 1 } : {}),
    data: {
      status,
      ...(extra.error ? { error: extra.error } : {}),
      ...(extra.makespan != null ? { makespan: extra.makespan } : {}),
      ...(extra.modelVersion ? { modelVersion: extra.modelVersion } : {}),
      ...extra.outcome,
    },
  };
}

export function isFinalEvent(event: Pick<RunEventRecord, 'kind' | 'data'>): boolean {
  return event.kind === 'status' && isFinalStatus(event.data?.['status']);
}

export function parseNotification(payload: string): EventNotification | null {
  try {
    const value = JSON.parse(payload) as EventNotification;
    return typeof value.runId === 'string' && Number.isInteger(value.sequence) ? value : null;
  } catch {
    return null;
  }
}

export function eventFromNotification(n: EventNotification): RunEventRecord | null {
  return n.event ? { ...n.event, createdAt: new Date(n.event.createdAt) } : null;
}
