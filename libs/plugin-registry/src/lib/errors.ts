import type { RejectedPlugin } from './plugin-types.js';

/**
 * A package name given to `loadSchedulerPackage` that is not a plain npm package name: a path, a URL, a `file:`
 * or `git+` specifier... Nothing is looked up for it. The API maps it to BAD_USER_INPUT.
 */
export class InvalidPackageNameError extends Error {
  constructor(
    readonly packageName: string,
    options?: ErrorOptions,
  ) {
    super(`"${packageName}" is not a plain npm package name (such as "my-scheduler" or "@scope/my-scheduler"); paths and URLs are never loaded`, options);
    this.name = this.constructor.name;
  }
}

/** The package is not installed under the root's node_modules. The message names no server folder; `packagePath` does. */
export class PluginPackageNotFoundError extends Error {
  constructor(
    readonly packageName: string,
    readonly packagePath: string,
    options?: ErrorOptions,
  ) {
    super(`package "${packageName}" is not installed (no node_modules/${packageName}/package.json under the plugin root); install it first, then register it by name`, options);
    this.name = this.constructor.name;
  }
}

/** The package is installed but is no valid scheduler plugin; `rejection` says why, in the terms discovery uses. */
export class PluginRejectedError extends Error {
  constructor(
    readonly rejection: RejectedPlugin,
    options?: ErrorOptions,
  ) {
    super(`package "${rejection.packageName}" is not a usable scheduler plugin: ${rejection.reason}`, { cause: rejection.cause, ...options });
    this.name = this.constructor.name;
  }
}

/** A scheduler name the registry already holds, from another package. */
export class DuplicateSchedulerError extends Error {
  constructor(
    readonly schedulerName: string,
    readonly existingPackage: string | undefined,
    readonly newPackage: string | undefined,
    options?: ErrorOptions,
  ) {
    super(
      `scheduler "${schedulerName}" is already registered${existingPackage ? ` from package "${existingPackage}"` : ''}; ` +
        `${newPackage ? `package "${newPackage}"` : 'the new plugin'} cannot take its name`,
      options,
    );
    this.name = this.constructor.name;
  }
}

/** No scheduler of that name is registered. */
export class UnknownSchedulerError extends Error {
  constructor(
    readonly schedulerName: string,
    readonly known: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`unknown scheduler "${schedulerName}"; registered: ${known.length > 0 ? known.join(', ') : '(none)'}`, options);
    this.name = this.constructor.name;
  }
}

/** The scheduler is registered but switched off. */
export class SchedulerDisabledError extends Error {
  constructor(
    readonly schedulerName: string,
    options?: ErrorOptions,
  ) {
    super(`scheduler "${schedulerName}" is disabled`, options);
    this.name = this.constructor.name;
  }
}

/** A plugin handed to the registry directly (not through discovery) that breaks the contract. */
export class InvalidSchedulerPluginError extends Error {
  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`not a valid scheduler plugin: ${problems.join('; ')}`, options);
    this.name = this.constructor.name;
  }
}
