import type { OptionsSchema, SchedulerCapabilities } from '@hetsched/core';
import type pg from 'pg';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { fromExactJson, toExactJson } from '@hetsched/codec';

export interface SchedulerPluginRecord {
  name: string;
  version: string;
  /** The npm package the plugin comes from. */
  packageName: string;
  description: string | null;
  enabled: boolean;
  optionsSchema: OptionsSchema;
  capabilities: SchedulerCapabilities | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UpsertSchedulerPluginInput {
  name: string;
  version: string;
  packageName: string;
  description?: string | null;
  optionsSchema: OptionsSchema;
  capabilities?: SchedulerCapabilities | null;
  /** Given: set it. Absent: true for a new plugin, unchanged for a known one. */
  enabled?: boolean;
}

type Row = Prisma.SchedulerPluginGetPayload<object>;

function toRecord(row: Row): SchedulerPluginRecord {
  return {
    ...row,
    optionsSchema: fromExactJson(row.optionsSchema) as OptionsSchema,
    capabilities: fromExactJson(row.capabilities) as SchedulerCapabilities | null,
  };
}

function json(value: unknown): Prisma.InputJsonValue {
  return toExactJson(value) as Prisma.InputJsonValue;
}

/**
 * upsertMany's statement: one row per array position (unnest), inserted enabled, or updated in place keeping the
 * stored enabled flag and, for a null, the stored capabilities (as `upsert` does). updated_at is Prisma's
 * @updatedAt, which has no column default: set here, on insert and update alike.
 */
const UPSERT_MANY = `
INSERT INTO scheduler_plugins AS p (name, version, package, description, options_schema, capabilities, enabled, updated_at)
SELECT name, version, package, description, options_schema, capabilities, true, now()
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::json[], $6::json[])
    AS input(name, version, package, description, options_schema, capabilities)
ON CONFLICT (name) DO UPDATE SET
  version = EXCLUDED.version,
  package = EXCLUDED.package,
  description = EXCLUDED.description,
  options_schema = EXCLUDED.options_schema,
  capabilities = COALESCE(EXCLUDED.capabilities, p.capabilities),
  updated_at = now()`;

/**
 * list's statement. The JSON columns come back as text and are parsed here, as Prisma parses them, so that the
 * pool's own type parsers play no part.
 */
const LIST = `
SELECT name, version, package AS "packageName", description, enabled, options_schema::text AS "optionsSchema",
       capabilities::text AS capabilities, created_at AS "createdAt", updated_at AS "updatedAt"
  FROM scheduler_plugins WHERE enabled OR NOT $1 ORDER BY name`;

/**
 * The scheduler plugins the registry knows, keyed by name. What every process does at start-up (record the plugins
 * it found, read them all back) is plain SQL on the pool: as Prisma queries, compiled on first use by its
 * WebAssembly query compiler, they were a third of a second of a server's start-up.
 */
export class SchedulerPluginRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: pg.Pool,
  ) {}

  async upsert(input: UpsertSchedulerPluginInput): Promise<SchedulerPluginRecord> {
    const fields = {
      version: input.version,
      packageName: input.packageName,
      description: input.description ?? null,
      optionsSchema: json(input.optionsSchema),
      capabilities: input.capabilities == null ? undefined : json(input.capabilities),
    };
    const row = await this.prisma.schedulerPlugin.upsert({
      where: { name: input.name },
      create: { name: input.name, ...fields, enabled: input.enabled ?? true },
      update: { ...fields, ...(input.enabled === undefined ? {} : { enabled: input.enabled }) },
    });
    return toRecord(row);
  }

  /**
   * Records many plugins in ONE statement (what a process does with every plugin it discovered at start-up): each
   * as `upsert` without `enabled` would, i.e. a new one enabled, a known one keeping its flag and, when the input
   * has no capabilities, its stored ones. The whole statement succeeds or fails. Names must be distinct (a row
   * cannot be updated twice by one INSERT ... ON CONFLICT).
   */
  async upsertMany(inputs: readonly Omit<UpsertSchedulerPluginInput, 'enabled'>[]): Promise<void> {
    if (inputs.length === 0) return;
    const names = inputs.map((input) => input.name);
    if (new Set(names).size !== names.length) throw new TypeError(`upsertMany: a plugin name appears twice in ${JSON.stringify(names)}`);
    const text = (value: unknown) => JSON.stringify(toExactJson(value));
    await this.pool.query(UPSERT_MANY, [
      names,
      inputs.map((input) => input.version),
      inputs.map((input) => input.packageName),
      inputs.map((input) => input.description ?? null),
      inputs.map((input) => text(input.optionsSchema)),
      inputs.map((input) => (input.capabilities == null ? null : text(input.capabilities))),
    ]);
  }

  async findByName(name: string): Promise<SchedulerPluginRecord | null> {
    const row = await this.prisma.schedulerPlugin.findUnique({ where: { name } });
    return row ? toRecord(row) : null;
  }

  async list(options: { enabledOnly?: boolean } = {}): Promise<SchedulerPluginRecord[]> {
    type TextRow = Omit<Row, 'optionsSchema' | 'capabilities'> & { optionsSchema: string; capabilities: string | null };
    const { rows } = await this.pool.query<TextRow>({ name: 'scheduler_plugins_list', text: LIST, values: [options.enabledOnly === true] });
    return rows.map((row) => toRecord({ ...row, optionsSchema: JSON.parse(row.optionsSchema), capabilities: row.capabilities === null ? null : JSON.parse(row.capabilities) }));
  }

  async setEnabled(name: string, enabled: boolean): Promise<SchedulerPluginRecord | null> {
    const { count } = await this.prisma.schedulerPlugin.updateMany({ where: { name }, data: { enabled } });
    return count > 0 ? this.findByName(name) : null;
  }

  async delete(name: string): Promise<boolean> {
    const { count } = await this.prisma.schedulerPlugin.deleteMany({ where: { name } });
    return count > 0;
  }
}
