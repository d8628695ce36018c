import {
  DuplicateSchedulerError,
  InvalidPackageNameError,
  PluginPackageNotFoundError,
  PluginRejectedError,
  UnknownSchedulerError,
  type CatalogEntry,
  type SchedulerCatalog,
} from '@hetsched/plugin-registry';
import { Arg, Authorized, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../common/role.js';
import { BadUserInputError, NotFoundError } from '../common/errors.js';
import { Scheduler } from './scheduler.type.js';

@Resolver(() => Scheduler)
export class SchedulerResolver {
  constructor(private readonly catalog: SchedulerCatalog) {}

  @Authorized(Role.READER)
  @Query(() => [Scheduler], { description: 'The schedulers this server knows, disabled ones included.' })
  async schedulers(): Promise<Scheduler[]> {
    const entries = await this.catalog.list();
    return entries.map(toScheduler);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Scheduler, {
    description:
      'Loads a scheduler plugin from a package ALREADY INSTALLED in the server\'s node_modules, by its plain npm name ' +
      '(no path, URL or version), records it enabled, and makes every API and worker process load it (docs/plugins.md).',
  })
  async registerSchedulerPlugin(@Arg('package', () => String) packageName: string): Promise<Scheduler> {
    try {
      return toScheduler(await this.catalog.register(packageName));
    } catch (error) {
      if (
        error instanceof InvalidPackageNameError ||
        error instanceof PluginPackageNotFoundError ||
        error instanceof PluginRejectedError ||
        error instanceof DuplicateSchedulerError
      ) {
        throw new BadUserInputError(`package: ${error.message}`, [], { field: 'package' });
      }
      throw error;
    }
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Scheduler, { description: 'Enables or disables a scheduler in every API and worker process; queued runs of a disabled scheduler still run.' })
  async setSchedulerEnabled(@Arg('name', () => String) name: string, @Arg('enabled', () => Boolean) enabled: boolean): Promise<Scheduler> {
    try {
      return toScheduler(await this.catalog.setEnabled(name, enabled));
    } catch (error) {
      if (error instanceof UnknownSchedulerError) throw new NotFoundError('Scheduler', name);
      throw error;
    }
  }
}

function toScheduler({ plugin, enabled }: CatalogEntry): Scheduler {
  return {
    name: plugin.metadata.name,
    version: plugin.metadata.version,
    description: plugin.metadata.description,
    capabilities: { ...plugin.metadata.capabilities, maxProcessors: plugin.metadata.capabilities.maxProcessors ?? null },
    optionsSchema: plugin.optionsSchema,
    enabled,
    training: plugin.training ? { artifactKind: plugin.training.artifactKind, parametersSchema: plugin.training.parametersSchema } : null,
  };
}
