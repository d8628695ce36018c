/**
 * Client-side bookkeeping of the API's cursor streams: keyset pages of a connection ("load more" while new rows
 * keep arriving), and a run's numbered progress events (replayed, then live, then replayed again after a reload or
 * a lost socket). Pure functions over immutable state, so that React can hold the results.
 */
export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PagedList<T extends { id: string }> {
  rows: T[];
  /** Pass as `after` for the next page; null before the first page and on an empty one. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export const emptyList = <T extends { id: string }>(): PagedList<T> => ({ rows: [], endCursor: null, hasNextPage: true });

/**
 * A page appended: keyset pages never repeat a row of a fixed ordering, but a row can move while one pages (a run's
 * makespan is null until it finishes, then it sorts elsewhere): a row seen again replaces its earlier copy in place
 * and is not shown twice. An empty page keeps the last cursor.
 */
export function appendPage<T extends { id: string }>(list: PagedList<T>, page: { edges: Edge<T>[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }): PagedList<T> {
  const index = new Map(list.rows.map((row, i) => [row.id, i]));
  const rows = [...list.rows];
  for (const { node } of page.edges) {
    const at = index.get(node.id);
    if (at === undefined) index.set(node.id, rows.push(node) - 1);
    else rows[at] = node;
  }
  return { rows, endCursor: page.pageInfo.endCursor ?? list.endCursor, hasNextPage: page.pageInfo.hasNextPage };
}

/**
 * A row that changed (a run's new status): updated in place when shown. One not shown is reported as `arrived` for
 * the caller to announce ("2 new runs") rather than inserted: inserting would shift the rows under the reader and,
 * with an order other than newest first, put it where the next page may bring it again.
 */
export function applyUpdate<T extends { id: string }>(list: PagedList<T>, row: T): { list: PagedList<T>; arrived: boolean } {
  const at = list.rows.findIndex((r) => r.id === row.id);
  if (at < 0) return { list, arrived: true };
  const rows = [...list.rows];
  rows[at] = { ...rows[at]!, ...row };
  return { list: { ...list, rows }, arrived: false };
}

/** A run's event as `runProgress` delivers it. */
export interface SequencedEvent {
  sequence: number;
  cursor: string;
}

export interface EventLog<E extends SequencedEvent> {
  events: E[];
  /** The cursor to resume after: the last event kept. */
  cursor: string | null;
  lastSequence: number;
}

export const emptyLog = <E extends SequencedEvent>(): EventLog<E> => ({ events: [], cursor: null, lastSequence: 0 });

export type MergeOutcome = 'added' | 'duplicate' | 'gap';

/**
 * An event merged into the log. Sequences are 1, 2, 3... without holes (docs/runs.md), so: a sequence already
 * kept is a duplicate (a replay overlapping what the log has) and is dropped; the next sequence is added; a later
 * one means events were missed and is refused as a `gap`, for the caller to resubscribe after `cursor`, which
 * brings the missing ones and then this one again.
 */
export function mergeEvent<E extends SequencedEvent>(log: EventLog<E>, event: E): { log: EventLog<E>; outcome: MergeOutcome } {
  if (event.sequence <= log.lastSequence) return { log, outcome: 'duplicate' };
  if (event.sequence > log.lastSequence + 1) return { log, outcome: 'gap' };
  return { log: { events: [...log.events, event], cursor: event.cursor, lastSequence: event.sequence }, outcome: 'added' };
}
