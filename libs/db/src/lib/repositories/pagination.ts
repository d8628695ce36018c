/** A page of a keyset-paginated list, in the shape of a GraphQL (Relay) connection. */
export interface Page<T> {
  items: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export class InvalidCursorError extends Error {
  constructor(message = 'invalid cursor') {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

export function pageSize(first: number | undefined): number {
  if (first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw new RangeError(`first must be a non-negative integer, got ${first}`);
  return Math.min(first, MAX_PAGE_SIZE);
}

/** An opaque cursor: base64url of JSON `[kind, ...values]`. */
export function encodeCursor(kind: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

/** The values of a cursor made by encodeCursor with this kind; InvalidCursorError otherwise. */
export function decodeCursor(kind: string, cursor: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed[0] !== kind) throw new InvalidCursorError(`not a ${kind} cursor`);
  return parsed.slice(1);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** [createdAt, id] of a (createdAt, id) keyset cursor made by `encodeCursor(kind, [millis, id])`. */
export function decodeKeysetCursor(kind: string, cursor: string): [Date, string] {
  const [millis, id] = decodeCursor(kind, cursor);
  if (typeof millis !== 'number' || !Number.isFinite(millis) || typeof id !== 'string' || !UUID.test(id)) {
    throw new InvalidCursorError();
  }
  return [new Date(millis), id];
}

/** Builds the page from `limit + 1` fetched rows (the extra row only says whether there is a next page). */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    items,
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null },
  };
}

/**
 * Text for Prisma's `contains`, which becomes `LIKE '%text%'` without escaping: `%`, `_` and `\` in the search text
 * must match themselves.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
