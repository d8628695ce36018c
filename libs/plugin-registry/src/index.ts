export { discoverSchedulerPlugins, loadSchedulerPackage, prefetchSchedulerPlugins } from './lib/discovery.js';
export { SchedulerRegistry, type RegisteredScheduler, type RegisterOptions } from './lib/registry.js';
export {
  PluginCatalog,
  type SchedulerCatalog,
  type CatalogEntry,
  type CatalogPersistence,
  type CatalogLogger,
  type StoredSchedulerState,
  type PluginCatalogOptions,
} from './lib/catalog.js';
export { defaultPluginRoot, PLUGIN_ROOT_ENV } from './lib/plugin-root.js';
export {
  validateSchedulerPlugin,
  schedulerPluginProblems,
  isApiVersionSupported,
  pickPluginExport,
  MAX_SCHEDULER_NAME_LENGTH,
  ARTIFACT_KIND_PATTERN,
  type PluginProblems,
  type PluginExport,
} from './lib/validate-plugin.js';
export { isPlainPackageName, PLAIN_PACKAGE_NAME, MAX_PACKAGE_NAME_LENGTH } from './lib/package-name.js';
export { DEFAULT_IMPORT_TIMEOUT_MS, PluginImportTimeoutError } from './lib/package-loader.js';
export * from './lib/errors.js';
export type * from './lib/plugin-types.js';
export { discoverCommands, loadCommand, COMMAND_NAME_PATTERN, type ExtensionCommand, type CommandMain } from './lib/commands.js';
