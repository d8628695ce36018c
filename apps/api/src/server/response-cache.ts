import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { getNamedType, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { BoundedCache } from '../common/bounded-cache.js';
import type { Authentication } from '../auth/api-token.service.js';
import type { ApiContext } from '../common/context.js';

/**
 * Root query fields whose answers are a function of the database's rows, the arguments and the caller only: the
 * reads of stored workflows, clusters and runs (a console's history and workflow pages, polled).
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set(['scheduleRuns', 'scheduleRun', 'workflows', 'workflow', 'clusters', 'cluster']);

/**
 * The types those fields reach whose every field is, too: no field of these reads the run engine's memory (progress,
 * the plugin catalog), the clock or the process. response-cache.spec.ts lists their fields: a field added to one of
 * them fails it until someone decides whether the field belongs here.
 */
export const STORE_DERIVED_TYPES: ReadonlySet<string> = new Set([
  'ScheduleRunConnection',
  'ScheduleRunEdge',
  'ScheduleRun',
  'ScheduleMetrics',
  'Assignment',
  'ProcessorUtilisation',
  'WorkflowConnection',
  'WorkflowEdge',
  'Workflow',
  'Task',
  'TaskDependency',
  'ClusterConnection',
  'ClusterEdge',
  'Cluster',
  'Processor',
  'Network',
  'PageInfo',
]);

/** Answers kept per process; each at most MAX_ENTRY_BYTES, so the cache holds at most 32 MiB. */
export const RESPONSE_CACHE_ENTRIES = 256;
export const MAX_ENTRY_BYTES = 128 * 1024;
/** Longest key (query text and variables): a request with more is executed, so that keys cannot fill the memory. */
export const MAX_KEY_LENGTH = 16 * 1024;
/** Verdicts (cacheable or not) of recent query texts. */
const VERDICT_CACHE_SIZE = 500;
/**
 * After a snapshot read fails, requests skip the cache this long: with the database gone a request would wait for
 * the read to fail and then for its own execution to fail, twice the connect timeout when the database hangs.
 */
const PAUSE_AFTER_FAILED_READ_MS = 1_000;

/**
 * Snapshots of the database (`read`: PostgreSQL's `pg_current_snapshot()`, `xmin:xmax:xip`), each read by a query
 * that started after the call asking for it. Two equal snapshots mean nothing was committed between the two reads:
 * a commit removes its transaction from the in-progress list or moves xmax, and neither ever goes back. Callers that
 * ask while a read is running share the next read instead of each starting one, so that under load a cache hit
 * costs a fraction of a round trip.
 */
export class FreshSnapshots {
  private running: Promise<string> | null = null;
  private queued: Promise<string> | null = null;

  constructor(private readonly read: () => Promise<string>) {}

  /** A snapshot read by a query started after this call. */
  next(): Promise<string> {
    if (this.running === null) return this.launch();
    // The running read may have started before this call: wait for the one after it.
    this.queued ??= this.running.then(settled, settled).then(() => {
      this.queued = null;
      return this.launch();
    });
    return this.queued;
  }

  private launch(): Promise<string> {
    const reading = this.read();
    this.running = reading;
    const done = () => {
      if (this.running === reading) this.running = null;
    };
    reading.then(done, done);
    return reading;
  }
}

/** The running read's outcome is its own callers' business; the next read only waits for it to end. */
function settled(): undefined {
  return undefined;
}

interface CachedAnswer {
  snapshot: string;
  headers: [string, string][];
  body: Buffer;
  operationName: string | null;
}

/** What the cache middleware leaves for the answer's writer on a miss: where and under which snapshot to keep it. */
interface PendingEntry {
  key: string;
  snapshot: string;
}

const PENDING = 'responseCacheEntry';
/** `res.locals[HIT]`: the operation name of an answer served from the cache (for the request log). */
export const HIT = 'responseCacheHit';

export interface ResponseCacheCounter {
  inc(labels: { outcome: 'hit' | 'miss' }): void;
}

/**
 * Whole answers to repeated read-only queries, kept per caller and request, and served again while the database has
 * committed nothing since they were computed (docs/api.md, "Answers served again").
 *
 * - Which requests: a POST whose JSON body has only `query`, `variables` and `operationName`, whose every operation is
 *   a query and whose every field is a store read (CACHEABLE_ROOT_FIELDS, STORE_DERIVED_TYPES, `__typename`).
 * - The key: the caller's token, the Accept header, the operation name, the variables and the query text; a request
 *   whose key would be longer than MAX_KEY_LENGTH is executed instead.
 * - Freshness: each request reads the database's snapshot with a query started after it arrived (shared with the
 *   requests around it, FreshSnapshots). A kept answer is served only when it was computed under that same
 *   snapshot: no transaction of any process has committed since, so executing again would read the same rows. On a
 *   miss the request runs as before, and its answer is kept under the snapshot read before it executed.
 * - What is kept: only complete 200 answers without errors, at most MAX_ENTRY_BYTES, with Apollo's headers.
 * - What still runs on a hit: everything before this middleware (request id and log, CORS, body limits, the token,
 *   the failed-authentication limiter, the query's shape check). Apollo's operation limits passed when the answer was
 *   computed, for the same text, variables and caller, and they depend on nothing else.
 * If reading the snapshot fails, the request runs uncached, and so do the requests of the next second.
 */
export class ResponseCache {
  private readonly answers = new BoundedCache<CachedAnswer>(RESPONSE_CACHE_ENTRIES);
  private readonly verdicts = new BoundedCache<boolean>(VERDICT_CACHE_SIZE);
  private readonly snapshots: FreshSnapshots;
  private pausedUntil = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    readSnapshot: () => Promise<string>,
    private readonly counter?: ResponseCacheCounter,
  ) {
    this.snapshots = new FreshSnapshots(readSnapshot);
  }

  /** Between the guard (res.locals.auth set) and Apollo. */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const key = performance.now() < this.pausedUntil ? null : this.keyOf(req, res);
      if (key === null) {
        next();
        return;
      }
      this.snapshots.next().then(
        (snapshot) => {
          const cached = this.answers.get(key);
          if (cached !== undefined && cached.snapshot === snapshot) {
            this.counter?.inc({ outcome: 'hit' });
            res.locals[HIT] = cached.operationName ?? '';
            for (const [name, value] of cached.headers) res.setHeader(name, value);
            res.setHeader('content-length', cached.body.length);
            res.statusCode = 200;
            res.end(cached.body);
            return;
          }
          this.counter?.inc({ outcome: 'miss' });
          const pending: PendingEntry = { key, snapshot };
          res.locals[PENDING] = pending;
          next();
        },
        // No snapshot, no cache: the request runs as it would without one.
        () => {
          this.pausedUntil = performance.now() + PAUSE_AFTER_FAILED_READ_MS;
          next();
        },
      );
    };
  }

  /** Called by the answer's writer with a complete answer; keeps it when the middleware asked for it and it qualifies. */
  keep(res: Response, status: number, headers: Iterable<[string, string]>, body: Buffer): void {
    const pending = res.locals[PENDING] as PendingEntry | undefined;
    if (pending === undefined || status !== 200 || body.length > MAX_ENTRY_BYTES || startsWithErrors(body)) return;
    const operationName = (res.locals['context'] as ApiContext | undefined)?.trace.operationName ?? null;
    this.answers.set(pending.key, { snapshot: pending.snapshot, headers: [...headers], body, operationName });
  }

  /** The request's key, or null when it cannot be cached. */
  private keyOf(req: Request, res: Response): string | null {
    if (req.method !== 'POST') return null;
    const body = req.body as unknown;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
    const { query, variables, operationName } = body as Record<string, unknown>;
    for (const field in body) if (field !== 'query' && field !== 'variables' && field !== 'operationName') return null;
    // A text longer than any key could be is refused before it is parsed for a verdict and kept among the verdicts.
    if (typeof query !== 'string' || query.length > MAX_KEY_LENGTH) return null;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
    const principal = (res.locals['auth'] as Authentication | undefined)?.principal;
    if (!principal) return null;
    let cacheable = this.verdicts.get(query);
    if (cacheable === undefined) {
      cacheable = isStoreRead(this.schema, query);
      this.verdicts.set(query, cacheable);
    }
    if (!cacheable) return null;
    const accept = req.headers.accept ?? '';
    const key = `${principal.tokenId}\n${accept}\n${operationName ?? ''}\n${variables ? JSON.stringify(variables) : ''}\n${query}`;
    return key.length <= MAX_KEY_LENGTH ? key : null;
  }
}

/**
 * Whether every operation of `query` is a query and every field it selects is a store read. False for a text that
 * does not parse or names a field the schema does not have (Apollo answers those with errors, never kept anyway).
 */
export function isStoreRead(schema: GraphQLSchema, query: string): boolean {
  let document;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  const queryType = schema.getQueryType();
  if (!queryType) return false;
  const typeInfo = new TypeInfo(schema);
  let storeRead = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        if (node.operation !== 'query') storeRead = false;
      },
      Field(node) {
        if (node.name.value === '__typename') return;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) {
          storeRead = false;
          return;
        }
        const allowed = parent === queryType ? CACHEABLE_ROOT_FIELDS.has(field.name) : STORE_DERIVED_TYPES.has(getNamedType(parent).name);
        if (!allowed) storeRead = false;
      },
    }),
  );
  return storeRead;
}

const ERRORS_FIRST = Buffer.from('{"errors"');

/** Apollo writes `errors` first when an answer has any (orderExecutionResultFields). */
function startsWithErrors(body: Buffer): boolean {
  return body.length >= ERRORS_FIRST.length && body.subarray(0, ERRORS_FIRST.length).equals(ERRORS_FIRST);
}
