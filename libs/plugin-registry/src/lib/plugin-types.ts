import type { SchedulerPlugin } from '@hetsched/core';

/** Where a loaded plugin came from: enough for the API to store and show it. */
export interface PluginSource {
  /** The npm name it is installed under in node_modules (`@hetsched/scheduler-heft`). */
  packageName: string;
  /** The `version` of its package.json, when it has one. */
  packageVersion?: string;
  /** The package folder, symlinks resolved (a workspace lib for `@hetsched/*`). */
  packagePath: string;
  /** `hetsched.scheduler` as the package declares it (`./dist/index.js`). */
  entry: string;
  /** The module imported: the declared entry resolved inside the package folder. */
  entryPath: string;
  /** The export that holds the plugin: `default`, or a named `...Plugin` export. */
  exportName: string;
}

/** A plugin that passed validation. `name` and `version` repeat its metadata for convenience. */
export interface LoadedPlugin extends PluginSource {
  name: string;
  version: string;
  plugin: SchedulerPlugin;
}

/**
 * Why a declared plugin was not loaded:
 * - `invalid-package-json`: a package.json that cannot be read as JSON (only reported when it mentions `hetsched`);
 * - `invalid-declaration`: `hetsched.scheduler` is not a non-empty string;
 * - `entry-outside-package`: the entry is absolute, a URL, climbs out with `..`, or is a symlink to outside the package;
 * - `entry-not-found`: the entry does not exist or is not a file (often: the package was not built);
 * - `import-failed`: importing the entry threw (or did not finish in time);
 * - `no-plugin-export`: neither the default export nor a single named `...Plugin` export is a plugin;
 * - `invalid-plugin`: the plugin breaks the contract (name, version, capabilities, options schema, schedule);
 * - `incompatible-api`: its `apiVersion` range excludes this host's SCHEDULER_PLUGIN_API_VERSION;
 * - `duplicate-name`: another package declares a scheduler of the same name (both are rejected);
 * - `not-a-plugin`: (`loadSchedulerPackage` only) the package does not declare `hetsched.scheduler`.
 */
export type RejectionCode =
  | 'invalid-package-json'
  | 'invalid-declaration'
  | 'entry-outside-package'
  | 'entry-not-found'
  | 'import-failed'
  | 'no-plugin-export'
  | 'invalid-plugin'
  | 'incompatible-api'
  | 'duplicate-name'
  | 'not-a-plugin';

export interface RejectedPlugin {
  packageName: string;
  packageVersion?: string;
  /** The package folder (symlinks resolved when possible). */
  packagePath: string;
  /** The declared entry as written in package.json, when there is one. */
  entry?: string;
  /** The scheduler name the plugin declares, when it got that far (duplicates, invalid plugins). */
  schedulerName?: string;
  code: RejectionCode;
  /** One line for people: what is wrong and, where it helps, what to do. */
  reason: string;
  /** Every contract violation found, for `invalid-plugin` and `incompatible-api`. */
  problems?: string[];
  /** The underlying error (an import that threw, an unreadable file). */
  cause?: unknown;
}

export interface DiscoveryResult {
  /** Valid plugins, by package name. */
  plugins: LoadedPlugin[];
  /** Declared plugins that were not loaded, by package name. */
  rejected: RejectedPlugin[];
}

export interface LoadOptions {
  /** The folder whose `node_modules` is searched (the workspace root, or the API's install folder). */
  root: string;
  /**
   * How long importing one entry may take before it counts as failed (default 10 s). A module whose top-level
   * code never settles must not hang discovery; its import goes on in the background, but its plugin is not used.
   */
  importTimeoutMs?: number;
}
