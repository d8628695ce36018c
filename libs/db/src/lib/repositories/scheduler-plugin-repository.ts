import type { OptionsSchema, SchedulerCapabilities } from '@hetsched/core';
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

/** The scheduler plugins the registry knows, keyed by name. */
export class SchedulerPluginRepository {
  constructor(private readonly prisma: PrismaClient) {}

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

  async findByName(name: string): Promise<SchedulerPluginRecord | null> {
    const row = await this.prisma.schedulerPlugin.findUnique({ where: { name } });
    return row ? toRecord(row) : null;
  }

  async list(options: { enabledOnly?: boolean } = {}): Promise<SchedulerPluginRecord[]> {
    const rows = await this.prisma.schedulerPlugin.findMany({ where: options.enabledOnly ? { enabled: true } : {}, orderBy: { name: 'asc' } });
    return rows.map(toRecord);
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
