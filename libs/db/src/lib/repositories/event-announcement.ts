import type { RunEventInput, RunEventRecord } from './run-event-repository.js';

/**
 * What a caller NOTIFYs for an event a statement writes: `channel` and the `payload` text, made from the event's
 * record (the run engine's eventAnnouncement). Only the caller knows the payload's shape; only the statement knows the
 * event's sequence number and time.
 */
export type EventAnnouncer = (event: RunEventRecord) => { channel: string; payload: string };

/**
 * Stand-ins for what only the statement knows: the announcer is called once with them, and the statement replaces
 * them in the text it gets (SQL `replace`) for each event it writes, then NOTIFYs it, in the same statement (so the
 * announcement is sent exactly when the event commits, with no round trip of its own). Each is at least as long as
 * the value that replaces it, so a payload the announcer sized to fit still fits. The sequence is matched with its
 * JSON key, so that no number in the event's data can be taken for it; the id and time are values no event holds.
 */
const PLACEHOLDER = {
  runId: '00000000-0000-4000-8000-00000000e7e7',
  sequence: 2_147_000_001,
  createdAt: new Date('0001-02-03T04:05:06.789Z'),
} as const;

/** The announcement of `event` with the placeholders, to be completed by announcementSql. */
export function announcementTemplate(announce: EventAnnouncer, event: RunEventInput): { channel: string; payload: string } {
  return announce({
    runId: PLACEHOLDER.runId,
    sequence: PLACEHOLDER.sequence,
    kind: event.kind,
    fraction: event.fraction ?? null,
    message: event.message ?? null,
    data: event.data ?? null,
    createdAt: PLACEHOLDER.createdAt,
  });
}

/**
 * The SQL that NOTIFYs a template (`channel` and `template`: parameter references) for the event row `alias` (its
 * run_id, sequence and created_at). created_at is TIMESTAMPTZ(3): to_char's milliseconds are exactly what
 * Date.toISOString() would print.
 */
export function announcementSql(channel: string, template: string, alias: string): string {
  const withRun = `replace(${template}::text, '${PLACEHOLDER.runId}', ${alias}.run_id::text)`;
  const withSequence = `replace(${withRun}, '"sequence":${PLACEHOLDER.sequence}', '"sequence":' || ${alias}.sequence)`;
  const createdAt = `to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `pg_notify(${channel}::text, replace(${withSequence}, '${PLACEHOLDER.createdAt.toISOString()}', ${createdAt}))`;
}
