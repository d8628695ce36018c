import type pg from 'pg';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { fromExactJson, stringifyExact } from '@hetsched/codec';
import { copyOutRow } from './blob-io.js';
import { isUniqueViolation, sqlLiteral, storeContext, withConnection, type StoreContext } from './context.js';
import { decodeCursor, encodeCursor, InvalidCursorError, pageSize, toPage, type Page } from './pagination.js';

/** A stored model version without its bytes (listing never loads them). */
export interface ModelVersionRecord {
  /** The model's own version (its metadata.version): what `options.model` names. */
  id: string;
  /** The scheduler plugin it belongs to, e.g. "deepsched". */
  plugin: string;
  name: string | null;
  metadata: Record<string, unknown>;
  config: Record<string, unknown>;
  metrics: Record<string, unknown>;
  sizeBytes: number;
  /** The training run that made it; null for an imported model or after that run was deleted. */
  trainingRunId: string | null;
  createdAt: Date;
}

export interface CreateModelVersionInput {
  id: string;
  plugin: string;
  name?: string | null;
  metadata: Record<string, unknown>;
  config: Record<string, unknown>;
  metrics: Record<string, unknown>;
  /** The plugin's serialized model file. */
  data: Uint8Array;
  trainingRunId?: string | null;
}

export interface ModelVersionFilter {
  plugin?: string;
  trainingRunId?: string;
}

/** Thrown when a model version with that id exists already (ids are the models' own versions). */
export class ModelVersionExistsError extends Error {
  constructor(readonly id: string) {
    super(`a model version "${id}" exists already`);
    this.name = 'ModelVersionExistsError';
  }
}

/** Model ids are short printable names (the plugin makes them); anything else is refused before any SQL. */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const COLUMNS = 'id, plugin, name, metadata, config, metrics, size_bytes, training_run_id, created_at';

interface Row {
  id: string;
  plugin: string;
  name: string | null;
  metadata: unknown;
  config: unknown;
  metrics: unknown;
  size_bytes: number;
  training_run_id: string | null;
  created_at: Date;
}

function toRecord(row: Row): ModelVersionRecord {
  return {
    id: row.id,
    plugin: row.plugin,
    name: row.name,
    metadata: (fromExactJson(row.metadata) ?? {}) as Record<string, unknown>,
    config: (fromExactJson(row.config) ?? {}) as Record<string, unknown>,
    metrics: (fromExactJson(row.metrics) ?? {}) as Record<string, unknown>,
    sizeBytes: row.size_bytes,
    trainingRunId: row.training_run_id,
    createdAt: row.created_at,
  };
}

/**
 * Trained models of learned scheduler plugins (DeepSched), keyed by their version. The bytes are one `bytea` per
 * model (a few MB at most), written once and read back by binary COPY (blob-io.ts) when a run loads the model.
 */
export class ModelVersionRepository {
  private readonly ctx: StoreContext;

  constructor(prisma: PrismaClient, pool?: pg.Pool) {
    this.ctx = storeContext(prisma, pool);
  }

  /** Stores a model; on `client` when given (inside the caller's transaction). ModelVersionExistsError on a taken id. */
  async create(input: CreateModelVersionInput, client?: pg.PoolClient): Promise<ModelVersionRecord> {
    if (!MODEL_ID_PATTERN.test(input.id)) throw new RangeError(`model version id must match ${MODEL_ID_PATTERN}, got "${input.id}"`);
    const sql = `INSERT INTO model_versions (id, plugin, name, metadata, config, metrics, data, size_bytes, training_run_id)
       VALUES ($1, $2, $3, $4::json, $5::json, $6::json, $7, $8, $9) RETURNING ${COLUMNS}`;
    const params = [
      input.id,
      input.plugin,
      input.name ?? null,
      stringifyExact(input.metadata ?? {}),
      stringifyExact(input.config ?? {}),
      stringifyExact(input.metrics ?? {}),
      Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength),
      input.data.byteLength,
      input.trainingRunId ?? null,
    ];
    try {
      const { rows } = await (client ?? this.ctx.pool).query<Row>(sql, params);
      return toRecord(rows[0]!);
    } catch (error) {
      if (isUniqueViolation(error, 'model_versions_pkey')) throw new ModelVersionExistsError(input.id);
      throw error;
    }
  }

  async findById(id: string): Promise<ModelVersionRecord | null> {
    if (!MODEL_ID_PATTERN.test(id)) return null;
    const { rows } = await this.ctx.pool.query<Row>(`SELECT ${COLUMNS} FROM model_versions WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Many in one statement, aligned with `ids` (null where there is none): for batch loaders. */
  async findByIds(ids: readonly string[]): Promise<(ModelVersionRecord | null)[]> {
    const valid = [...new Set(ids.filter((id) => MODEL_ID_PATTERN.test(id)))];
    const { rows } = valid.length ? await this.ctx.pool.query<Row>(`SELECT ${COLUMNS} FROM model_versions WHERE id = ANY($1::text[])`, [valid]) : { rows: [] };
    const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The models each training run made (oldest first), keyed by run id: for batch loaders. */
  async findByTrainingRuns(runIds: readonly string[]): Promise<Map<string, ModelVersionRecord[]>> {
    const found = new Map<string, ModelVersionRecord[]>();
    if (runIds.length === 0) return found;
    const { rows } = await this.ctx.pool.query<Row>(
      `SELECT ${COLUMNS} FROM model_versions WHERE training_run_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [[...new Set(runIds)]],
    );
    for (const row of rows) {
      const list = found.get(row.training_run_id!) ?? [];
      list.push(toRecord(row));
      found.set(row.training_run_id!, list);
    }
    return found;
  }

  /** The serialized model; null when there is none (of that plugin, when given). */
  async data(id: string, plugin?: string): Promise<Uint8Array | null> {
    if (!MODEL_ID_PATTERN.test(id)) return null;
    const where = `id = ${sqlLiteral(id)}${plugin === undefined ? '' : ` AND plugin = ${sqlLiteral(plugin)}`}`;
    const row = await withConnection(this.ctx.pool, (client) => copyOutRow(client, `SELECT data FROM model_versions WHERE ${where}`));
    return row ? row[0]! : null;
  }

  /** Whether a model with this id exists (of that plugin, when given): a cheap check at submit time. */
  async exists(id: string, plugin?: string): Promise<boolean> {
    if (!MODEL_ID_PATTERN.test(id)) return false;
    const { rows } = await this.ctx.pool.query(`SELECT 1 FROM model_versions WHERE id = $1 AND ($2::text IS NULL OR plugin = $2)`, [id, plugin ?? null]);
    return rows.length > 0;
  }

  /** Newest first, keyset-paginated by (created_at, id). */
  async list(filter: ModelVersionFilter = {}, first?: number, after?: string | null): Promise<Page<ModelVersionRecord>> {
    const limit = pageSize(first);
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.plugin !== undefined) where.push(`plugin = ${param(filter.plugin)}`);
    if (filter.trainingRunId !== undefined) where.push(`training_run_id::text = ${param(filter.trainingRunId.toLowerCase())}`);
    if (after) {
      const [millis, id] = decodeCursor('models', after);
      if (typeof millis !== 'number' || !Number.isFinite(millis) || typeof id !== 'string') throw new InvalidCursorError();
      where.push(`(created_at, id) < (${param(new Date(millis))}, ${param(id)})`);
    }
    const { rows } = await this.ctx.pool.query<Row>(
      `SELECT ${COLUMNS} FROM model_versions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    return toPage(rows.map(toRecord), limit, (model) => encodeCursor('models', [model.createdAt.getTime(), model.id]));
  }

  async delete(id: string): Promise<boolean> {
    if (!MODEL_ID_PATTERN.test(id)) return false;
    const { rowCount } = await this.ctx.pool.query(`DELETE FROM model_versions WHERE id = $1`, [id]);
    return (rowCount ?? 0) > 0;
  }
}
