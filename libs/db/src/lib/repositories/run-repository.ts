import { createHash } from 'node:crypto';
import type { Assignment, ClusterSpec, ScheduleMetrics, WorkflowSpec } from '@hetsched/core';
import type pg from 'pg';
import type { PrismaClient, RunStatus } from '../../generated/prisma/client.js';
import { exactJsonParameter, fromExactJson, toExactJson, decodeAssignments, DOCUMENT_FORMAT, encodeAssignments } from '@hetsched/codec';
import { prepareClusterInsert } from './cluster-repository.js';
import { inTransaction, storeContext, type Queryable, type StoreContext } from './context.js';
import type { CreateModelVersionInput, ModelVersionRepository } from './model-version-repository.js';
import { ASSIGNMENTS_CONTENT, readContent } from './documents.js';
import { readProblemDocuments, type ProblemDocuments } from './problem-documents.js';
import { announcementSql, announcementTemplate, type EventAnnouncer } from './event-announcement.js';
import type { RunEventInput, RunEventRecord } from './run-event-repository.js';
import { FinishedRunCache, isFinal } from './finished-run-cache.js';
import { isUuid, uuidv7 } from './ids.js';
import { decodeCursor, encodeCursor, InvalidCursorError, pageSize, toPage, type Page } from './pagination.js';
import { prepareWorkflowInsert } from './workflow-repository.js';

export type { RunStatus };
export const RUN_STATUSES: readonly RunStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

/** What a run does (docs/runs.md): schedule a workflow on a cluster, train a model, or search for a hard instance. */
export type RunKind = 'SCHEDULE' | 'TRAINING' | 'HARD_INSTANCE';
export const RUN_KINDS: readonly RunKind[] = ['SCHEDULE', 'TRAINING', 'HARD_INSTANCE'];

/** What every run has, whatever its kind: the lifecycle, the plugin, its options and outcome. */
interface RunFields {
  id: string;
  scheduler: string;
  schedulerVersion: string;
  options: Record<string, unknown>;
  status: RunStatus;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  info: Record<string, unknown> | null;
  error: string | null;
  /** Sequence number of the run's last event (0: none). */
  lastEventSequence: number;
}

/** A run that schedules a workflow on a cluster. */
interface ScheduleRunFields extends RunFields {
  kind: 'SCHEDULE';
  workflowId: string;
  clusterId: string;
  makespan: number | null;
  metrics: ScheduleMetrics | null;
  /** The comparison (compareSchedulers) the run belongs to; null for a run of its own. */
  comparisonId: string | null;
}

export interface CreateScheduleRunInput {
  workflowId: string;
  clusterId: string;
  scheduler: string;
  schedulerVersion: string;
  options?: Record<string, unknown>;
  /** A comparison (ComparisonRepository.create) and the run's place in its request. */
  comparison?: { id: string; index: number };
}

export interface CompleteScheduleRunInput {
  makespan: number;
  metrics: ScheduleMetrics;
  assignments: readonly Assignment[];
  /** ScheduleResult.info */
  info?: Record<string, unknown>;
}

/**
 * A training run: same lifecycle and events as a schedule run, no workflow or cluster. `scheduler` is the plugin
 * whose model it trains, `options` the training parameters, `info` the outcome (modelVersion, epochs, stoppedBy).
 */
interface TrainingRunFields extends RunFields {
  kind: 'TRAINING';
}

/**
 * A hard-instance search (docs/runs.md#hard-instance-runs): no workflow or cluster of its own. `scheduler` is the
 * target (the scheduler made to look bad), `options` hold the baseline, both plugins' options and the search
 * settings, `info` the outcome with the ids of the workflow and cluster found.
 */
interface HardInstanceRunFields extends RunFields {
  kind: 'HARD_INSTANCE';
}

/** A run: `kind` tells what it does; `Run<'SCHEDULE'>`, `Run<'TRAINING'>` and `Run<'HARD_INSTANCE'>` are the runs of one kind. */
export type Run<K extends RunKind = RunKind> = Extract<ScheduleRunFields | TrainingRunFields | HardInstanceRunFields, { kind: K }>;

export interface CreateTrainingRunInput {
  scheduler: string;
  schedulerVersion: string;
  options: Record<string, unknown>;
}

export interface CreateHardInstanceRunInput {
  /** The target scheduler and its version. */
  scheduler: string;
  schedulerVersion: string;
  options: Record<string, unknown>;
}

export interface CompleteHardInstanceInput {
  /** The outcome (ratio, makespans, iterations, stoppedBy...); the ids of the stored documents are added to it. */
  info: Record<string, unknown>;
  /** The instance found, stored in the same transaction as the success. */
  workflow: { spec: WorkflowSpec; tags: string[] };
  cluster: { spec: ClusterSpec; tags: string[] };
}

export interface CompleteTrainingInput {
  info: Record<string, unknown>;
  /** The trained model, stored (linked to the run) in the same transaction as the success. */
  model?: Omit<CreateModelVersionInput, 'trainingRunId'>;
}

/** The outcome of a guarded transition: `run` is the run after it, or as it is when the guard refused. */
export type TransitionResult<R extends Run = Run<'SCHEDULE'>> = { updated: true; run: R } | { updated: false; run: R | null };

export interface RunHistoryFilter {
  workflowId?: string;
  clusterId?: string;
  scheduler?: string;
  status?: RunStatus | readonly RunStatus[];
  /** created strictly after */
  createdAfter?: Date;
  /** created strictly before */
  createdBefore?: Date;
}

export type RunOrderField = 'CREATED_AT' | 'MAKESPAN';
export type SortDirection = 'ASC' | 'DESC';

export interface RunHistoryOrder {
  field: RunOrderField;
  direction: SortDirection;
}

/** Runs without a makespan (not finished) sort after all others ascending, and before them descending. */
export const DEFAULT_RUN_ORDER: RunHistoryOrder = { field: 'CREATED_AT', direction: 'DESC' };

const COLUMNS = `id, kind, workflow_id, cluster_id, scheduler, scheduler_version, options, status, created_at, started_at,
  finished_at, makespan, metrics, info, error, last_event_sequence, comparison_id`;

/**
 * What a history page reads of each run: the keys of the cache (id, status, event sequence) always, and the rest of
 * a run that is not final yet as one JSON array, in the same statement so that the page is one snapshot. A final run
 * comes from the FinishedRunCache (its cursor values too), or from a second statement on a miss. Four columns, not
 * the table's seventeen: pg describes the statement's result and sets up a parser per column at every execution, and
 * parses every field of every row (mostly NULLs here); measured on 51 rows, 100-120 µs of the client's CPU against
 * 160-260 µs with the columns one by one.
 */
const OPEN_RUN = `status IN ('QUEUED', 'RUNNING')`;
const OPEN_RUN_FIELDS = [
  'kind',
  'workflow_id',
  'cluster_id',
  'scheduler',
  'scheduler_version',
  'options',
  'created_at',
  'started_at',
  'finished_at',
  'makespan',
  'metrics',
  'info',
  'error',
  'comparison_id',
] as const satisfies readonly (keyof RunRow)[];
/** Sent as milliseconds since the epoch, cut to the millisecond as pg's own timestamp parser does. */
const TIMESTAMP_FIELDS: ReadonlySet<string> = new Set(['created_at', 'started_at', 'finished_at']);
const HISTORY_COLUMNS = `id, status, last_event_sequence, CASE WHEN ${OPEN_RUN} THEN json_build_array(${OPEN_RUN_FIELDS.map((column) =>
  TIMESTAMP_FIELDS.has(column) ? `floor(extract(epoch FROM ${column}) * 1000)` : column,
).join(', ')}) END AS open_run`;
/** A history row, as an array (no object per row): the keys, then an open run's other fields (OPEN_RUN_FIELDS). */
type HistoryRow = [id: string, status: RunStatus, lastEventSequence: number, openRun: unknown[] | null];

/** The row of an open run, as the columns one by one would have given it. */
function openRunRow([id, status, lastEventSequence, values]: HistoryRow): RunRow {
  const row: Record<string, unknown> = { id, status, last_event_sequence: lastEventSequence };
  OPEN_RUN_FIELDS.forEach((column, i) => {
    const value = values?.[i] ?? null;
    row[column] = TIMESTAMP_FIELDS.has(column) && value !== null ? new Date(Number(value)) : value;
  });
  return row as unknown as RunRow;
}

/** The finished runs a history page did not find in the cache. */
const RUNS_BY_IDS = `SELECT ${COLUMNS} FROM runs WHERE id = ANY($1::uuid[])`;

/*
 * The queue's statements (a run's life: queued, claimed, kept alive, completed) are named prepared statements:
 * each connection parses and plans them once instead of at every call (issue #15: some 15 statements per tiny run,
 * each parsed and planned). Their texts are constant.
 */

/**
 * Runs with their first event (sequence 1), each event's NOTIFY and the workers' wake-up, in one statement (one
 * implicit transaction: all or nothing, the NOTIFYs delivered together on commit). The events reference runs inserted
 * by the same statement (foreign keys are checked at its end).
 */
const CREATE_QUEUED = `WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::int[])
      AS i(id, workflow_id, cluster_id, scheduler, scheduler_version, options, comparison_id, comparison_index)
  ), queued AS (
    INSERT INTO runs (id, workflow_id, cluster_id, scheduler, scheduler_version, options, comparison_id, comparison_index, last_event_sequence)
    SELECT id, workflow_id, cluster_id, scheduler, scheduler_version, options::json, comparison_id, comparison_index, 1 FROM input
    RETURNING ${COLUMNS}
  ), events AS (
    INSERT INTO run_events (run_id, sequence, kind, fraction, message, data)
    SELECT id, last_event_sequence, $9::text, $10::float8, $11::text, $12::json FROM queued
    RETURNING run_id, sequence, created_at
  )
  SELECT queued.*, events.sequence AS event_sequence, events.created_at AS event_created_at,
         ${announcementSql('$13', '$14', 'events')} AS announced, (SELECT pg_notify($15::text, $16::text)) AS woken
  FROM queued JOIN events ON events.run_id = queued.id`;

/**
 * The claim's CTEs: `claimed` (the oldest QUEUED runs, at most `limit`, made RUNNING for `worker`, SKIP LOCKED) and
 * `claimed_events` (their RUNNING events); the arguments are the statement's parameter references.
 */
const claimCtes = (p: { worker: string; limit: string; data: string }) => `claimed AS (
    UPDATE runs SET status = 'RUNNING', started_at = now(), worker_id = ${p.worker}, heartbeat_at = now(),
                    last_event_sequence = last_event_sequence + 1
    WHERE id IN (SELECT id FROM runs WHERE status = 'QUEUED' ORDER BY created_at, id LIMIT ${p.limit} FOR UPDATE SKIP LOCKED)
    RETURNING ${COLUMNS}
  ), claimed_events AS (
    INSERT INTO run_events (run_id, sequence, kind, message, data)
    SELECT id, last_event_sequence, 'status', 'RUNNING', ${p.data}::json FROM claimed
    RETURNING run_id, sequence, created_at
  )`;

/** The claimed runs with their events, oldest first; `announce`: with each event's NOTIFY (evaluated after the sort). */
const claimedRows = (announce?: { channel: string; template: string }) => `SELECT claimed.*, claimed_events.sequence AS event_sequence,
         claimed_events.created_at AS event_created_at ${announce ? `, ${announcementSql(announce.channel, announce.template, 'claimed_events')} AS announced` : ''}
  FROM claimed JOIN claimed_events ON claimed_events.run_id = claimed.id ORDER BY claimed.created_at, claimed.id`;

const CLAIM_PARAMETERS = { worker: '$1', limit: '$2', data: '$3' };
const CLAIM_QUEUED = `WITH ${claimCtes(CLAIM_PARAMETERS)} ${claimedRows()}`;
const CLAIM_QUEUED_ANNOUNCED = `WITH ${claimCtes(CLAIM_PARAMETERS)} ${claimedRows({ channel: '$4', template: '$5' })}`;

const HEARTBEAT = `UPDATE runs SET heartbeat_at = now() WHERE id = ANY($2::uuid[]) AND worker_id = $1 AND status = 'RUNNING' RETURNING id`;

/** RUNNING -> SUCCEEDED with the result, the assignments, the final event and its NOTIFY, in one statement (all or nothing). */
const COMPLETION_CTES = `done AS (
    UPDATE runs SET status = 'SUCCEEDED', finished_at = now(), makespan = $2, metrics = $3::json, info = $4::json, error = NULL,
                    last_event_sequence = last_event_sequence + 1
    WHERE id = $1 AND kind = 'SCHEDULE' AND status = 'RUNNING' RETURNING ${COLUMNS}
  ), assignments AS (
    INSERT INTO run_assignments (run_id, format, task_count, data) SELECT id, $5::text, $6::int, $7::bytea FROM done
    ON CONFLICT (run_id) DO UPDATE SET format = EXCLUDED.format, task_count = EXCLUDED.task_count, data = EXCLUDED.data
  ), event AS (
    INSERT INTO run_events (run_id, sequence, kind, fraction, message, data)
    SELECT id, last_event_sequence, $8::text, $9::float8, $10::text, $11::json FROM done
    RETURNING run_id, sequence, created_at
  )`;
const COMPLETED_ROW = `SELECT done.*, event.sequence AS event_sequence, event.created_at AS event_created_at, ${announcementSql('$12', '$13', 'event')} AS announced
  FROM done JOIN event ON event.run_id = done.id`;
const COMPLETE_WITH_EVENT = `WITH ${COMPLETION_CTES} ${COMPLETED_ROW}`;
/**
 * The same, and the worker's next runs claimed (the slot the run leaves, and any other free one) with their RUNNING
 * events announced: the claim that follows every completion costs no round trip of its own. The claim touches only
 * QUEUED rows, the completion one RUNNING row: no row is changed twice. The completed run's row, if any, comes first.
 */
const COMPLETE_WITH_EVENT_AND_CLAIM = `WITH ${COMPLETION_CTES}, ${claimCtes({ worker: '$14', limit: '$15', data: '$16' })}
  (SELECT true AS completed, * FROM (${COMPLETED_ROW}) AS completed_run)
  UNION ALL
  (SELECT false, * FROM (${claimedRows({ channel: '$17', template: '$18' })}) AS claimed_runs)`;

/** What a worker asks to claim with a completion (completeWithEvent). */
export interface ClaimRequest {
  workerId: string;
  limit: number;
  /** The RUNNING events' data (exact JSON text), as for claimQueued. */
  statusEventData: string;
}

/** A run claimed for a worker, with its RUNNING event's number and time. */
export interface ClaimedRun {
  run: Run;
  event: { sequence: number; createdAt: Date };
}

/** A run row with the event its statement wrote. */
type RunWithEventRow = RunRow & { event_sequence: number; event_created_at: Date };

/** A claimed run as claimQueued returns it. */
function claimedRun(row: RunWithEventRow): ClaimedRun {
  return { run: toRun(row), event: { sequence: row.event_sequence, createdAt: row.event_created_at } };
}

/** The announcement template of a claim's RUNNING events (their data: exact JSON text, as the claim stores it). */
function runningAnnouncement(announce: EventAnnouncer, statusEventData: string): { channel: string; payload: string } {
  const data = fromExactJson(JSON.parse(statusEventData)) as Record<string, unknown> | null;
  return announcementTemplate(announce, { kind: 'status', message: 'RUNNING', data });
}

/** The record of an event a queue statement wrote: its content as given, its number and time from the database. */
function eventRecord(row: RunWithEventRow, event: RunEventInput): RunEventRecord {
  return {
    runId: row.id,
    sequence: row.event_sequence,
    kind: event.kind,
    fraction: event.fraction ?? null,
    message: event.message ?? null,
    data: event.data ?? null,
    createdAt: row.event_created_at,
  };
}

/**
 * A name for a history statement, so that each connection parses and plans it once (a named prepared statement;
 * measured: PostgreSQL's CPU per history page fell from about 1 ms to 0.25 ms). The text depends only on which
 * filters are set and on the order: a few hundred shapes at most.
 */
const preparedNames = new Map<string, string>();
function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (name === undefined) preparedNames.set(sql, (name = `history_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`));
  return name;
}

interface RunRow {
  id: string;
  kind: RunKind;
  workflow_id: string | null;
  cluster_id: string | null;
  scheduler: string;
  scheduler_version: string;
  options: unknown;
  status: RunStatus;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  makespan: number | null;
  metrics: unknown;
  info: unknown;
  error: string | null;
  last_event_sequence: number;
  comparison_id: string | null;
}

/** The fields every run kind has. */
function fieldsOf(row: RunRow): RunFields {
  return {
    id: row.id,
    scheduler: row.scheduler,
    schedulerVersion: row.scheduler_version,
    options: (fromExactJson(row.options) ?? {}) as Record<string, unknown>,
    status: row.status,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    info: fromExactJson(row.info) as Record<string, unknown> | null,
    error: row.error,
    lastEventSequence: row.last_event_sequence,
  };
}

function toScheduleRun(row: RunRow): Run<'SCHEDULE'> {
  return {
    ...fieldsOf(row),
    kind: 'SCHEDULE',
    // A CHECK constraint guarantees both for kind SCHEDULE (the migration of model versions).
    workflowId: row.workflow_id!,
    clusterId: row.cluster_id!,
    makespan: row.makespan === null ? null : Number(row.makespan),
    metrics: fromExactJson(row.metrics) as ScheduleMetrics | null,
    comparisonId: row.comparison_id,
  };
}

function toRun(row: RunRow): Run {
  return row.kind === 'SCHEDULE' ? toScheduleRun(row) : { ...fieldsOf(row), kind: row.kind };
}

function toTrainingRun(row: RunRow): Run<'TRAINING'> {
  const record = toRun(row);
  if (record.kind !== 'TRAINING') throw new Error(`run ${row.id} is not a training run`);
  return record;
}

function toHardInstanceRun(row: RunRow): Run<'HARD_INSTANCE'> {
  const record = toRun(row);
  if (record.kind !== 'HARD_INSTANCE') throw new Error(`run ${row.id} is not a hard-instance run`);
  return record;
}

/** completeHardInstance's guard refused: roll the documents back. */
class NotRunningError extends Error {}

/**
 * Runs (schedule, training and hard-instance) and their results. Status changes are guarded updates (`... WHERE status = <expected>`), so two
 * workers can never both start a run, and a finished run never changes again:
 * QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED, and QUEUED -> CANCELLED. Timestamps come from the database
 * clock. Statements are SQL on the pg pool: they need `now()`, `RETURNING` and row comparisons that Prisma does not
 * express, and the history query is the one that has to be fast (docs/store.md).
 */
export class RunRepository {
  private readonly ctx: StoreContext;
  /** Final runs the history has decoded (finished-run-cache.ts). */
  private readonly finished = new FinishedRunCache();
  /** Cursors of final runs, per order (finalCursors). */
  private readonly cursorsByKind = new Map<string, WeakMap<Run, string>>();

  constructor(
    prisma: PrismaClient,
    pool?: pg.Pool,
    /** Where completeTraining writes the model (in its transaction). */
    private readonly models?: ModelVersionRepository,
  ) {
    this.ctx = storeContext(prisma, pool);
  }

  /**
   * A new QUEUED schedule run. Throws (foreign key violation) when the workflow or cluster does not exist. `db`: a
   * connection in a transaction (the run engine writes the run, its first event and the wake-up in one), else the pool.
   */
  async create(input: CreateScheduleRunInput, db: Queryable = this.ctx.pool): Promise<Run<'SCHEDULE'>> {
    const { rows } = await db.query<RunRow>(
      `INSERT INTO runs (id, workflow_id, cluster_id, scheduler, scheduler_version, options, comparison_id, comparison_index)
       VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8) RETURNING ${COLUMNS}`,
      [
        uuidv7(),
        input.workflowId,
        input.clusterId,
        input.scheduler,
        input.schedulerVersion,
        exactJsonParameter(input.options ?? {}),
        input.comparison?.id ?? null,
        input.comparison?.index ?? null,
      ],
    );
    return toScheduleRun(rows[0]!);
  }

  /**
   * New QUEUED schedule runs, each with its first event (`firstEvent`, sequence 1) announced (`notices.announce`),
   * and one wake-up NOTIFY (`notices.wakeUp`), in one statement whatever their number: a comparison of 8 costs one
   * round trip instead of some 30. All or nothing; the NOTIFYs are delivered on commit. Returned in the order of
   * `inputs`. Throws (nothing stored, nothing sent) when a workflow or cluster does not exist. `db` as for `create`.
   */
  async createQueued(
    inputs: readonly CreateScheduleRunInput[],
    firstEvent: RunEventInput,
    notices: { announce: EventAnnouncer; wakeUp: { channel: string; payload: string } },
    db: Queryable = this.ctx.pool,
  ): Promise<{ run: Run<'SCHEDULE'>; event: RunEventRecord }[]> {
    if (inputs.length === 0) return [];
    const announcement = announcementTemplate(notices.announce, firstEvent);
    const ids = inputs.map(() => uuidv7());
    const { rows } = await db.query<RunWithEventRow>({
      name: 'runs_create_queued',
      text: CREATE_QUEUED,
      values: [
        ids,
        inputs.map((input) => input.workflowId),
        inputs.map((input) => input.clusterId),
        inputs.map((input) => input.scheduler),
        inputs.map((input) => input.schedulerVersion),
        inputs.map((input) => exactJsonParameter(input.options ?? {})),
        inputs.map((input) => input.comparison?.id ?? null),
        inputs.map((input) => input.comparison?.index ?? null),
        firstEvent.kind,
        firstEvent.fraction ?? null,
        firstEvent.message ?? null,
        exactJsonParameter(firstEvent.data),
        announcement.channel,
        announcement.payload,
        notices.wakeUp.channel,
        notices.wakeUp.payload,
      ],
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) throw new Error(`run ${id} was not stored`); // cannot happen: the INSERT stores every input or throws
      return { run: toScheduleRun(row), event: eventRecord(row, firstEvent) };
    });
  }

  /** The runs of a comparison, in the order its request asked for them; [] for an unknown id. */
  async findByComparison(comparisonId: string): Promise<Run<'SCHEDULE'>[]> {
    if (!isUuid(comparisonId)) return [];
    const { rows } = await this.ctx.pool.query<RunRow>(
      `SELECT ${COLUMNS} FROM runs WHERE comparison_id = $1 AND kind = 'SCHEDULE' ORDER BY comparison_index, id`,
      [comparisonId],
    );
    return rows.map(toScheduleRun);
  }

  /** A schedule run; null when there is none (or the id is a training run's). */
  async findById(id: string): Promise<Run<'SCHEDULE'> | null> {
    const run = await this.findRun(id);
    return run?.kind === 'SCHEDULE' ? run : null;
  }

  /** Many schedule runs in one statement, aligned with `ids` (null where there is none): for batch loaders. */
  async findByIds(ids: readonly string[]): Promise<(Run<'SCHEDULE'> | null)[]> {
    return (await this.findRuns(ids)).map((run) => (run?.kind === 'SCHEDULE' ? run : null));
  }

  /** A run of any kind. */
  async findRun(id: string): Promise<Run | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.ctx.pool.query<RunRow>(`SELECT ${COLUMNS} FROM runs WHERE id = $1`, [id]);
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** Runs of any kind, aligned with `ids` (null where there is none). */
  async findRuns(ids: readonly string[]): Promise<(Run | null)[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    const { rows } = valid.length
      ? await this.ctx.pool.query<RunRow>(`SELECT ${COLUMNS} FROM runs WHERE id = ANY($1::uuid[])`, [valid])
      : { rows: [] as RunRow[] };
    const byId = new Map(rows.map((row) => [row.id, toRun(row)]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /** A training run; null when there is none (or the id is a schedule run's). */
  async findTraining(id: string): Promise<Run<'TRAINING'> | null> {
    const run = await this.findRun(id);
    return run?.kind === 'TRAINING' ? run : null;
  }

  /** A new QUEUED training run (no workflow, no cluster). */
  async createTraining(input: CreateTrainingRunInput, db: Queryable = this.ctx.pool): Promise<Run<'TRAINING'>> {
    const { rows } = await db.query<RunRow>(
      `INSERT INTO runs (id, kind, scheduler, scheduler_version, options) VALUES ($1, 'TRAINING', $2, $3, $4::json) RETURNING ${COLUMNS}`,
      [uuidv7(), input.scheduler, input.schedulerVersion, exactJsonParameter(input.options)],
    );
    return toTrainingRun(rows[0]!);
  }

  /**
   * RUNNING -> SUCCEEDED for a training run: its info and (when given) the trained model, linked to the run, in
   * one transaction: a model exists exactly when the success was recorded. A refused guard stores nothing.
   */
  async completeTraining(id: string, result: CompleteTrainingInput): Promise<TransitionResult<Run<'TRAINING'>>> {
    if (!isUuid(id)) return { updated: false, run: null };
    if (result.model && !this.models) throw new Error('completeTraining with a model needs the store (createStore) to have its model repository');
    const row = await inTransaction(this.ctx.pool, async (client) => {
      const { rows } = await client.query<RunRow>(
        `UPDATE runs SET status = 'SUCCEEDED', finished_at = now(), info = $2::json, error = NULL
         WHERE id = $1 AND kind = 'TRAINING' AND status = 'RUNNING' RETURNING ${COLUMNS}`,
        [id, exactJsonParameter(result.info)],
      );
      if (rows.length === 0) return null;
      if (result.model) await this.models!.create({ ...result.model, trainingRunId: id }, client);
      return rows[0]!;
    });
    if (row) return { updated: true, run: toTrainingRun(row) };
    return { updated: false, run: await this.findTraining(id) };
  }

  /** A new QUEUED hard-instance run (no workflow, no cluster). */
  async createHardInstance(input: CreateHardInstanceRunInput, db: Queryable = this.ctx.pool): Promise<Run<'HARD_INSTANCE'>> {
    const { rows } = await db.query<RunRow>(
      `INSERT INTO runs (id, kind, scheduler, scheduler_version, options) VALUES ($1, 'HARD_INSTANCE', $2, $3, $4::json) RETURNING ${COLUMNS}`,
      [uuidv7(), input.scheduler, input.schedulerVersion, exactJsonParameter(input.options)],
    );
    return toHardInstanceRun(rows[0]!);
  }

  /** A hard-instance run; null when there is none (or the id is another kind's). */
  async findHardInstance(id: string): Promise<Run<'HARD_INSTANCE'> | null> {
    const run = await this.findRun(id);
    return run?.kind === 'HARD_INSTANCE' ? run : null;
  }

  /**
   * RUNNING -> SUCCEEDED for a hard-instance run, with the workflow and cluster it found stored in the same
   * transaction and named in its info (`workflowId`, `clusterId`): they exist exactly when the success was recorded.
   * A refused guard (the run was cancelled or reaped meanwhile) stores nothing.
   */
  async completeHardInstance(id: string, result: CompleteHardInstanceInput): Promise<TransitionResult<Run<'HARD_INSTANCE'>>> {
    if (!isUuid(id)) return { updated: false, run: null };
    const insertWorkflow = prepareWorkflowInsert(result.workflow);
    const insertCluster = prepareClusterInsert(result.cluster);
    try {
      const row = await inTransaction(this.ctx.pool, async (client) => {
        // The documents first (their ids go into the info); a refused guard throws, and the rollback removes them.
        const workflow = await insertWorkflow(client);
        const cluster = await insertCluster(client);
        const info = { ...result.info, workflowId: workflow.id, clusterId: cluster.id };
        const { rows } = await client.query<RunRow>(
          `UPDATE runs SET status = 'SUCCEEDED', finished_at = now(), info = $2::json, error = NULL
           WHERE id = $1 AND kind = 'HARD_INSTANCE' AND status = 'RUNNING' RETURNING ${COLUMNS}`,
          [id, exactJsonParameter(info)],
        );
        if (rows.length === 0) throw new NotRunningError();
        return rows[0]!;
      });
      return { updated: true, run: toHardInstanceRun(row) };
    } catch (error) {
      if (error instanceof NotRunningError) return { updated: false, run: await this.findHardInstance(id) };
      throw error;
    }
  }

  /** Training runs, newest first, keyset-paginated by (created_at, id). */
  async trainingHistory(filter: { status?: RunStatus; scheduler?: string } = {}, first?: number, after?: string | null): Promise<Page<Run<'TRAINING'>>> {
    const limit = pageSize(first);
    const b = new SqlBuilder();
    const where = [`kind = 'TRAINING'`];
    if (filter.status !== undefined) where.push(`status = ${b.param(filter.status)}::run_status`);
    if (filter.scheduler !== undefined) where.push(`scheduler = ${b.param(filter.scheduler)}`);
    if (after) {
      const key = decodeRunCursor('trainings', after, 'date');
      where.push(`(created_at, id) < (${b.param(key.value)}, ${b.param(key.id)}::uuid)`);
    }
    const { rows } = await this.ctx.pool.query<RunRow>(
      `SELECT ${COLUMNS} FROM runs WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${b.param(limit + 1)}`,
      b.values,
    );
    return toPage(rows.map(toTrainingRun), limit, (run) => encodeCursor('trainings', [run.createdAt.getTime(), run.id]));
  }

  /** QUEUED -> RUNNING (sets startedAt), any kind. */
  start(id: string): Promise<TransitionResult<Run>> {
    return this.transition(id, ['QUEUED'], `status = 'RUNNING', started_at = now()`, []);
  }

  /**
   * The queue: takes up to `limit` of the oldest QUEUED runs for worker `workerId`, marks them RUNNING with a first
   * heartbeat and writes each one's RUNNING status event, in one statement. Concurrent workers never get the same
   * run (FOR UPDATE SKIP LOCKED). Returns the runs and their events; with `announce`, each event's NOTIFY is sent by
   * the same statement (delivered on its commit, in claim order), else the caller announces them.
   */
  async claimQueued(workerId: string, limit: number, statusEventData: string, announce?: EventAnnouncer): Promise<ClaimedRun[]> {
    if (limit <= 0) return [];
    const values: unknown[] = [workerId, limit, statusEventData];
    if (announce) {
      const announcement = runningAnnouncement(announce, statusEventData);
      values.push(announcement.channel, announcement.payload);
    }
    const { rows } = await this.ctx.pool.query<RunWithEventRow>(
      announce ? { name: 'runs_claim_queued_announced', text: CLAIM_QUEUED_ANNOUNCED, values } : { name: 'runs_claim_queued', text: CLAIM_QUEUED, values },
    );
    return rows.map(claimedRun);
  }

  /**
   * The worker's heartbeat for its RUNNING runs; returns the ids still RUNNING under this worker (a run missing from
   * the answer was cancelled, or reaped: its worker should stop it).
   */
  async heartbeat(workerId: string, ids: readonly string[]): Promise<Set<string>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Set();
    const { rows } = await this.ctx.pool.query<{ id: string }>({ name: 'runs_heartbeat', text: HEARTBEAT, values: [workerId, valid] });
    return new Set(rows.map((row) => row.id));
  }

  /** RUNNING runs whose worker has been silent for longer than `graceMs`, oldest heartbeat first, a page at a time. */
  async silentRunning(graceMs: number, limit: number, after?: { heartbeatAt: Date; id: string }): Promise<{ id: string; heartbeatAt: Date }[]> {
    const { rows } = await this.ctx.pool.query<{ id: string; heartbeat_at: Date }>(
      `SELECT id, heartbeat_at FROM runs
       WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $1::float8 / 1000)
         AND ($3::timestamptz IS NULL OR (heartbeat_at, id) > ($3, $4::uuid))
       ORDER BY heartbeat_at, id LIMIT $2`,
      [graceMs, limit, after?.heartbeatAt ?? null, after?.id ?? null],
    );
    return rows.map((row) => ({ id: row.id, heartbeatAt: row.heartbeat_at }));
  }

  /** RUNNING -> FAILED, but only while the run's worker is still silent longer than `graceMs` (guarded against a late heartbeat). */
  async failSilent(id: string, graceMs: number, error: string): Promise<TransitionResult<Run>> {
    if (!isUuid(id)) return { updated: false, run: null };
    const { rows } = await this.ctx.pool.query<RunRow>(
      `UPDATE runs SET status = 'FAILED', finished_at = now(), error = $3
       WHERE id = $1 AND status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $2::float8 / 1000) RETURNING ${COLUMNS}`,
      [id, graceMs, error],
    );
    return rows[0] ? { updated: true, run: toRun(rows[0]) } : { updated: false, run: await this.findRun(id) };
  }

  /** RUNNING -> SUCCEEDED, writing makespan, metrics, info and the assignments in one transaction. */
  async complete(id: string, result: CompleteScheduleRunInput): Promise<TransitionResult> {
    if (!isUuid(id)) return { updated: false, run: null };
    const data = encodeAssignments(result.assignments);
    const row = await inTransaction(this.ctx.pool, async (client) => {
      const { rows } = await client.query<RunRow>(
        `UPDATE runs SET status = 'SUCCEEDED', finished_at = now(), makespan = $2, metrics = $3::json,
           info = $4::json, error = NULL
         WHERE id = $1 AND kind = 'SCHEDULE' AND status = 'RUNNING' RETURNING ${COLUMNS}`,
        [id, result.makespan, exactJsonParameter(result.metrics), exactJsonParameter(result.info)],
      );
      if (rows.length === 0) return null;
      await client.query(
        `INSERT INTO run_assignments (run_id, format, task_count, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (run_id) DO UPDATE SET format = EXCLUDED.format, task_count = EXCLUDED.task_count, data = EXCLUDED.data`,
        [id, DOCUMENT_FORMAT, result.assignments.length, data],
      );
      return rows[0]!;
    });
    return row ? { updated: true, run: toScheduleRun(row) } : { updated: false, run: await this.findById(id) };
  }

  /**
   * RUNNING -> SUCCEEDED like `complete`, the run's final event (`event`, the next sequence number) and its NOTIFY
   * (`options.announce`) in the same statement: one round trip instead of seven (BEGIN, UPDATE, INSERT, COMMIT, the
   * event, its NOTIFY), and the event exists, and is announced, exactly when the success does. A refused guard writes
   * and sends nothing for this run. With `options.claim` the same statement also claims the worker's next runs, as
   * claimQueued with `announce` would (even when the guard refused): `claimed`.
   */
  async completeWithEvent(
    id: string,
    result: CompleteScheduleRunInput,
    event: RunEventInput,
    options: { announce: EventAnnouncer; claim?: ClaimRequest },
  ): Promise<TransitionResult & { event?: RunEventRecord; claimed: ClaimedRun[] }> {
    if (!isUuid(id)) return { updated: false, run: null, claimed: [] };
    const announcement = announcementTemplate(options.announce, event);
    const values: unknown[] = [
      id,
      result.makespan,
      exactJsonParameter(result.metrics),
      exactJsonParameter(result.info),
      DOCUMENT_FORMAT,
      result.assignments.length,
      encodeAssignments(result.assignments),
      event.kind,
      event.fraction ?? null,
      event.message ?? null,
      exactJsonParameter(event.data),
      announcement.channel,
      announcement.payload,
    ];
    const claim = options.claim && options.claim.limit > 0 ? options.claim : undefined;
    let rows: (RunWithEventRow & { completed?: boolean })[];
    if (claim) {
      const running = runningAnnouncement(options.announce, claim.statusEventData);
      values.push(claim.workerId, claim.limit, claim.statusEventData, running.channel, running.payload);
      ({ rows } = await this.ctx.pool.query<RunWithEventRow & { completed: boolean }>({ name: 'runs_complete_with_event_and_claim', text: COMPLETE_WITH_EVENT_AND_CLAIM, values }));
    } else {
      ({ rows } = await this.ctx.pool.query<RunWithEventRow>({ name: 'runs_complete_with_event', text: COMPLETE_WITH_EVENT, values }));
    }
    const completed = rows.find((row) => row.completed !== false);
    const claimed = rows.filter((row) => row.completed === false).map(claimedRun);
    if (completed) return { updated: true, run: toScheduleRun(completed), event: eventRecord(completed, event), claimed };
    return { updated: false, run: await this.findById(id), claimed };
  }

  /** The encoded workflow and cluster documents of a schedule run's problem, in one read (problem-documents.ts). */
  problemDocuments(workflowId: string, clusterId: string): Promise<ProblemDocuments> {
    return readProblemDocuments(this.ctx.pool, workflowId, clusterId);
  }

  /** RUNNING -> FAILED with an error message, any kind. */
  fail(id: string, error: string): Promise<TransitionResult<Run>> {
    return this.transition(id, ['RUNNING'], `status = 'FAILED', finished_at = now(), error = $2`, [error]);
  }

  /** QUEUED or RUNNING -> CANCELLED, any kind. */
  cancel(id: string, reason?: string): Promise<TransitionResult<Run>> {
    return this.transition(id, ['QUEUED', 'RUNNING'], `status = 'CANCELLED', finished_at = now(), error = $2`, [reason ?? null]);
  }

  private async transition(id: string, from: RunStatus[], set: string, params: unknown[]): Promise<TransitionResult<Run>> {
    if (!isUuid(id)) return { updated: false, run: null };
    const { rows } = await this.ctx.pool.query<RunRow>(
      `UPDATE runs SET ${set} WHERE id = $1 AND status = ANY($${params.length + 2}::run_status[]) RETURNING ${COLUMNS}`,
      [id, ...params, from],
    );
    return rows[0] ? { updated: true, run: toRun(rows[0]) } : { updated: false, run: await this.findRun(id) };
  }

  /** The assignments of a SUCCEEDED run; null when it has none. */
  async assignments(id: string): Promise<Assignment[] | null> {
    const data = await readContent(this.ctx.pool, ASSIGNMENTS_CONTENT, id);
    return data ? decodeAssignments(data) : null;
  }

  /**
   * Runs matching `filter`, in `order`, keyset-paginated with an opaque cursor (which only fits the same order).
   * Every page is an index range scan: see the indexes in prisma/schema.prisma and the measurements in docs/store.md.
   */
  async history(
    filter: RunHistoryFilter = {},
    order: RunHistoryOrder = DEFAULT_RUN_ORDER,
    first?: number,
    after?: string | null,
  ): Promise<Page<Run<'SCHEDULE'>>> {
    const limit = pageSize(first);
    const base = new SqlBuilder();
    // Training runs have their own list (trainingHistory); the (kind, ...) rows are few next to schedule runs.
    const conditions: string[] = [`kind = 'SCHEDULE'`];
    if (filter.workflowId !== undefined) conditions.push(`workflow_id = ${base.param(isUuid(filter.workflowId) ? filter.workflowId : null)}`);
    if (filter.clusterId !== undefined) conditions.push(`cluster_id = ${base.param(isUuid(filter.clusterId) ? filter.clusterId : null)}`);
    if (filter.scheduler !== undefined) conditions.push(`scheduler = ${base.param(filter.scheduler)}`);
    if (filter.status !== undefined) {
      const statuses = typeof filter.status === 'string' ? [filter.status] : [...filter.status];
      conditions.push(statuses.length === 1 ? `status = ${base.param(statuses[0])}::run_status` : `status = ANY(${base.param(statuses)}::run_status[])`);
    }
    if (filter.createdAfter !== undefined) conditions.push(`created_at > ${base.param(filter.createdAfter)}`);
    if (filter.createdBefore !== undefined) conditions.push(`created_at < ${base.param(filter.createdBefore)}`);

    const cursorKind = `runs:${order.field}:${order.direction}`;
    const asc = order.direction === 'ASC';
    const dir = asc ? 'ASC' : 'DESC';
    const cmp = asc ? '>' : '<';
    const segments: { where: string[]; orderBy: string; params: SqlBuilder }[] = [];
    const segment = (extra: (b: SqlBuilder) => string[], orderBy: string) => {
      const b = base.clone();
      segments.push({ where: [...conditions, ...extra(b)], orderBy, params: b });
    };

    if (order.field === 'CREATED_AT') {
      const key = after ? decodeRunCursor(cursorKind, after, 'date') : null;
      segment((b) => (key ? [`(created_at, id) ${cmp} (${b.param(key.value)}, ${b.param(key.id)}::uuid)`] : []), `runs.created_at ${dir}, runs.id ${dir}`);
    } else {
      // makespan order, unfinished runs (NULL makespan) last ascending / first descending: two index ranges.
      const key = after ? decodeRunCursor(cursorKind, after, 'number') : null;
      const finished = (b: SqlBuilder) =>
        key && key.value !== null ? [`(makespan, id) ${cmp} (${b.param(key.value)}::float8, ${b.param(key.id)}::uuid)`] : ['makespan IS NOT NULL'];
      const unfinished = (b: SqlBuilder) => (key && key.value === null ? ['makespan IS NULL', `id ${cmp} ${b.param(key.id)}::uuid`] : ['makespan IS NULL']);
      const finishedOrder = `runs.makespan ${dir}, runs.id ${dir}`;
      const unfinishedOrder = `runs.id ${dir}`;
      if (asc) {
        if (!key || key.value !== null) segment(finished, finishedOrder);
        segment(unfinished, unfinishedOrder);
      } else {
        if (!key || key.value === null) segment(unfinished, unfinishedOrder);
        segment(finished, finishedOrder);
      }
    }

    // ORDER BY names the table's columns (runs.created_at): the select list has its own names.
    const rows: HistoryRow[] = [];
    for (const s of segments) {
      if (rows.length > limit) break;
      const limitParam = s.params.param(limit + 1 - rows.length);
      const sql = `SELECT ${HISTORY_COLUMNS} FROM runs ${s.where.length ? `WHERE ${s.where.join(' AND ')}` : ''} ORDER BY ${s.orderBy} LIMIT ${limitParam}`;
      const result = await this.ctx.pool.query<HistoryRow>({ name: preparedName(sql), text: sql, values: s.params.values, rowMode: 'array' });
      rows.push(...result.rows);
    }
    const page = await this.hydrate(rows.slice(0, limit));
    const cursorOf = (run: Run<'SCHEDULE'>) =>
      encodeCursor(cursorKind, [order.field === 'CREATED_AT' ? run.createdAt.getTime() : toExactJson(run.makespan), run.id]);
    const cursors = this.finalCursors(cursorKind);
    const edges = page.map((run) => {
      if (!isFinal(run.status)) return { cursor: cursorOf(run), node: run };
      let cursor = cursors.get(run);
      if (cursor === undefined) cursors.set(run, (cursor = cursorOf(run)));
      return { cursor, node: run };
    });
    return { items: page, edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * The cursors of final runs in one order (`runs:FIELD:DIRECTION`), by the cached run object: its values never
   * change, and the same object comes back from the FinishedRunCache page after page. Encoding one is a JSON text, a
   * buffer and a base64 text, some 300 bytes of garbage; a page has 50.
   */
  private finalCursors(kind: string): WeakMap<Run, string> {
    let cursors = this.cursorsByKind.get(kind);
    if (cursors === undefined) this.cursorsByKind.set(kind, (cursors = new WeakMap()));
    return cursors;
  }

  /**
   * The runs of history rows, in order: open runs decoded from their row, final ones from the cache, the rest read
   * in one statement (and cached). A run deleted between the two statements is left out.
   */
  private async hydrate(rows: readonly HistoryRow[]): Promise<Run<'SCHEDULE'>[]> {
    const runs = new Map<string, Run>();
    const missing: string[] = [];
    for (const row of rows) {
      const [id, status, lastEventSequence] = row;
      if (status === 'QUEUED' || status === 'RUNNING') runs.set(id, toScheduleRun(openRunRow(row)));
      else {
        const cached = this.finished.get(id, lastEventSequence);
        if (cached) runs.set(id, cached);
        else missing.push(id);
      }
    }
    if (missing.length > 0) {
      const { rows: full } = await this.ctx.pool.query<RunRow>({ name: preparedName(RUNS_BY_IDS), text: RUNS_BY_IDS, values: [missing] });
      for (const row of full) {
        const run = toScheduleRun(row);
        this.finished.set(run);
        runs.set(run.id, run);
      }
    }
    const page: Run<'SCHEDULE'>[] = [];
    for (const [id] of rows) {
      const run = runs.get(id);
      if (run?.kind === 'SCHEDULE') page.push(run);
    }
    return page;
  }
}

class SqlBuilder {
  values: unknown[] = [];
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  clone(): SqlBuilder {
    const copy = new SqlBuilder();
    copy.values = [...this.values];
    return copy;
  }
}

function decodeRunCursor(kind: string, cursor: string, type: 'date' | 'number'): { value: Date | number | null; id: string } {
  const [raw, id] = decodeCursor(kind, cursor);
  if (typeof id !== 'string' || !isUuid(id)) throw new InvalidCursorError();
  if (type === 'date') {
    if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new InvalidCursorError();
    return { value: new Date(raw), id };
  }
  const value = fromExactJson(raw);
  if (value !== null && typeof value !== 'number') throw new InvalidCursorError();
  return { value, id };
}
