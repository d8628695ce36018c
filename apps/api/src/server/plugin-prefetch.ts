import { defaultPluginRoot, prefetchSchedulerPlugins } from '@hetsched/plugin-registry';

/**
 * Starts discovering the installed scheduler plugins under the root the run engine will use (the one
 * `defaultPluginRoot` finds from the engine's module, `engineModuleUrl`); the engine's catalog takes the result over.
 */
export function startPluginDiscovery(engineModuleUrl: string): void {
  prefetchSchedulerPlugins({ root: defaultPluginRoot(engineModuleUrl) });
}
