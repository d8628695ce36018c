import { Authorized, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/role.js';
import type { SchedulerCatalog } from './scheduler-catalog.js';
import { Scheduler } from './scheduler.type.js';

@Resolver(() => Scheduler)
export class SchedulerResolver {
  constructor(private readonly catalog: SchedulerCatalog) {}

  @Authorized(Role.READER)
  @Query(() => [Scheduler], { description: 'The schedulers this server knows, disabled ones included.' })
  async schedulers(): Promise<Scheduler[]> {
    const entries = await this.catalog.list();
    return entries.map(({ plugin, enabled }) => ({
      name: plugin.metadata.name,
      version: plugin.metadata.version,
      description: plugin.metadata.description,
      capabilities: { ...plugin.metadata.capabilities, maxProcessors: plugin.metadata.capabilities.maxProcessors ?? null },
      optionsSchema: plugin.optionsSchema,
      enabled,
    }));
  }
}
