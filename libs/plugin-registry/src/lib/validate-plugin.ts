import { describeValue, isPlainObject, SCHEDULER_NAME_PATTERN, SCHEDULER_PLUGIN_API_VERSION, validateOptionsSchema } from '@hetsched/core';
import semver from 'semver';

/** Scheduler names end up in URLs, CLI flags and database keys: keep them short. */
export const MAX_SCHEDULER_NAME_LENGTH = 64;

const CAPABILITY_FLAGS = ['progress', 'cancellable', 'deterministic'] as const;
const CAPABILITY_KEYS = new Set<string>([...CAPABILITY_FLAGS, 'maxProcessors']);

/** The contract violations of a candidate plugin, split by kind (see `validateSchedulerPlugin`). */
export interface PluginProblems {
  /** Broken contract: bad name, version, capabilities, options schema, no `schedule` function. */
  invalid: string[];
  /** A well-formed `apiVersion` range that excludes this host's SCHEDULER_PLUGIN_API_VERSION. */
  incompatibleApi: string[];
}

/**
 * Everything wrong with a value offered as a SchedulerPlugin, as one message per problem; empty when it may be
 * loaded. Pure: no I/O, never calls the plugin. Checks:
 * - `metadata.name` matches SCHEDULER_NAME_PATTERN (at most 64 characters);
 * - `metadata.version` is a valid semver version; `metadata.description` is a string;
 * - `metadata.apiVersion` is a non-empty semver range that includes SCHEDULER_PLUGIN_API_VERSION;
 * - `metadata.capabilities` has boolean `progress`, `cancellable`, `deterministic`, an optional integer
 *   `maxProcessors >= 1`, and nothing else (a typo such as `cancelable` must not pass as "not cancellable");
 * - `optionsSchema` passes core's `validateOptionsSchema`, with sane bounds and enums;
 * - `schedule` is a function.
 */
export function validateSchedulerPlugin(candidate: unknown): string[] {
  const { invalid, incompatibleApi } = schedulerPluginProblems(candidate);
  return [...incompatibleApi, ...invalid];
}

export function schedulerPluginProblems(candidate: unknown): PluginProblems {
  const invalid: string[] = [];
  const incompatibleApi: string[] = [];
  if (!isObjectLike(candidate)) {
    return { invalid: [`a scheduler plugin must be an object with metadata, optionsSchema and schedule, got ${describeValue(candidate)}`], incompatibleApi };
  }
  const metadata = candidate['metadata'];
  if (!isObjectLike(metadata)) {
    invalid.push(`metadata must be an object, got ${describeValue(metadata)}`);
  } else {
    checkName(metadata['name'], invalid);
    const version = metadata['version'];
    if (typeof version !== 'string' || semver.valid(version) === null) {
      invalid.push(`metadata.version must be a semver version such as "1.0.0", got ${describeValue(version)}`);
    }
    if (typeof metadata['description'] !== 'string') invalid.push(`metadata.description must be a string, got ${describeValue(metadata['description'])}`);
    checkApiVersion(metadata['apiVersion'], invalid, incompatibleApi);
    checkCapabilities(metadata['capabilities'], invalid);
  }
  if (!('optionsSchema' in candidate)) {
    invalid.push('optionsSchema is missing (a scheduler without options declares {"type": "object", "properties": {}})');
  } else {
    for (const problem of validateOptionsSchema(candidate['optionsSchema'])) invalid.push(`optionsSchema: ${problem}`);
    for (const problem of extraSchemaProblems(candidate['optionsSchema'])) invalid.push(`optionsSchema: ${problem}`);
  }
  if (typeof candidate['schedule'] !== 'function') invalid.push(`schedule must be a function, got ${describeValue(candidate['schedule'])}`);
  if (candidate['training'] !== undefined) invalid.push(...trainingProblems(candidate['training'], candidate['optionsSchema']));
  return { invalid, incompatibleApi };
}

/** Artifact kinds: lower-case words joined by dashes, like scheduler names (they key stored artifacts). */
export const ARTIFACT_KIND_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The optional training capability (plugin API 1.1): its schema, artifact kind and option, and functions. */
function trainingProblems(training: unknown, optionsSchema: unknown): string[] {
  if (!isObjectLike(training)) return [`training must be an object when given, got ${describeValue(training)}`];
  const problems: string[] = [];
  for (const problem of validateOptionsSchema(training['parametersSchema'])) problems.push(`training.parametersSchema: ${problem}`);
  for (const problem of extraSchemaProblems(training['parametersSchema'])) problems.push(`training.parametersSchema: ${problem}`);
  const kind = training['artifactKind'];
  if (typeof kind !== 'string' || !ARTIFACT_KIND_PATTERN.test(kind) || kind.length > MAX_SCHEDULER_NAME_LENGTH) {
    problems.push(`training.artifactKind must be lower-case words joined by dashes, such as "my-model", got ${describeValue(kind)}`);
  }
  if (typeof training['train'] !== 'function') problems.push(`training.train must be a function, got ${describeValue(training['train'])}`);
  for (const optional of ['checkParameters', 'describeArtifact']) {
    if (training[optional] !== undefined && typeof training[optional] !== 'function') problems.push(`training.${optional} must be a function when given, got ${describeValue(training[optional])}`);
  }
  const option = training['artifactOption'];
  if (option !== undefined) {
    const properties = isPlainObject(optionsSchema) && isPlainObject(optionsSchema['properties']) ? optionsSchema['properties'] : {};
    const name = isObjectLike(option) ? option['name'] : undefined;
    const declared = typeof name === 'string' && Object.hasOwn(properties, name) ? (properties as Record<string, unknown>)[name] : undefined;
    if (!isPlainObject(declared) || declared['type'] !== 'string') {
      problems.push(`training.artifactOption.name must name a string option of optionsSchema, got ${describeValue(name)}`);
    }
    const builtIn = isObjectLike(option) ? option['builtIn'] : undefined;
    if (builtIn !== undefined && !(Array.isArray(builtIn) && builtIn.every((v) => typeof v === 'string'))) {
      problems.push(`training.artifactOption.builtIn must be a list of strings when given, got ${describeValue(builtIn)}`);
    }
  }
  return problems;
}

/** True when a plugin declaring `range` works with this host's plugin API. */
export function isApiVersionSupported(range: string): boolean {
  return range.trim() !== '' && semver.validRange(range) !== null && semver.satisfies(SCHEDULER_PLUGIN_API_VERSION, range);
}

function checkName(name: unknown, problems: string[]): void {
  if (typeof name !== 'string') {
    problems.push(`metadata.name must be a string, got ${describeValue(name)}`);
  } else if (!SCHEDULER_NAME_PATTERN.test(name)) {
    problems.push(`metadata.name "${name}" must be lower-case words joined by dashes (${SCHEDULER_NAME_PATTERN.source}), such as "my-scheduler"`);
  } else if (name.length > MAX_SCHEDULER_NAME_LENGTH) {
    problems.push(`metadata.name "${name}" is longer than ${MAX_SCHEDULER_NAME_LENGTH} characters`);
  }
}

function checkApiVersion(range: unknown, invalid: string[], incompatible: string[]): void {
  // semver reads "" as "*": an empty declaration would claim every API version, so it is refused.
  if (typeof range !== 'string' || range.trim() === '' || semver.validRange(range) === null) {
    invalid.push(`metadata.apiVersion must be a semver range of the plugin API such as "^${SCHEDULER_PLUGIN_API_VERSION}", got ${describeValue(range)}`);
  } else if (!semver.satisfies(SCHEDULER_PLUGIN_API_VERSION, range)) {
    incompatible.push(`metadata.apiVersion "${range}" does not include this host's plugin API ${SCHEDULER_PLUGIN_API_VERSION}`);
  }
}

function checkCapabilities(capabilities: unknown, problems: string[]): void {
  if (!isPlainObject(capabilities)) {
    problems.push(`metadata.capabilities must be an object {progress, cancellable, deterministic, maxProcessors?}, got ${describeValue(capabilities)}`);
    return;
  }
  for (const flag of CAPABILITY_FLAGS) {
    if (typeof capabilities[flag] !== 'boolean') problems.push(`metadata.capabilities.${flag} must be true or false, got ${describeValue(capabilities[flag])}`);
  }
  const max = capabilities['maxProcessors'];
  if (max !== undefined && !(typeof max === 'number' && Number.isSafeInteger(max) && max >= 1)) {
    problems.push(`metadata.capabilities.maxProcessors must be an integer >= 1 when given, got ${describeValue(max)}`);
  }
  for (const key of Object.keys(capabilities)) {
    if (!CAPABILITY_KEYS.has(key)) problems.push(`metadata.capabilities has unknown key "${key}" (known: ${[...CAPABILITY_KEYS].join(', ')})`);
  }
}

/**
 * What core's `validateOptionsSchema` leaves open and a form or the conformance suite relies on: bounds are finite
 * numbers in order, an enum is a non-empty list of strings, `additionalProperties` is absent or false.
 */
function extraSchemaProblems(schema: unknown): string[] {
  if (!isPlainObject(schema) || !isPlainObject(schema['properties'])) return []; // reported by validateOptionsSchema
  const problems: string[] = [];
  if (schema['additionalProperties'] !== undefined && schema['additionalProperties'] !== false) {
    problems.push(`additionalProperties must be false or absent (unknown options are always refused), got ${describeValue(schema['additionalProperties'])}`);
  }
  for (const [key, property] of Object.entries(schema['properties'] as Record<string, unknown>)) {
    if (!isPlainObject(property)) continue;
    if (property['type'] === 'number' || property['type'] === 'integer') {
      const { minimum, maximum } = property;
      for (const [bound, value] of [['minimum', minimum], ['maximum', maximum]] as const) {
        if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) {
          problems.push(`option "${key}" has a ${bound} that is not a finite number: ${describeValue(value)}`);
        }
      }
      if (typeof minimum === 'number' && typeof maximum === 'number' && minimum > maximum) {
        problems.push(`option "${key}" has minimum ${minimum} above maximum ${maximum}`);
      }
    }
    if (property['type'] === 'string' && property['enum'] !== undefined) {
      const values = property['enum'];
      if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) {
        problems.push(`option "${key}" has an enum that is not a non-empty list of strings: ${describeValue(values)}`);
      }
    }
  }
  return problems;
}

function isObjectLike(value: unknown): value is Record<string, unknown> {
  // A plugin may be a class instance (not a plain object); a module namespace has a null prototype.
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The export of a plugin module that holds the plugin, or why there is none. */
export type PluginExport = { exportName: string; plugin: unknown } | { exportName?: undefined; problem: string };

/**
 * Picks the plugin from a module's exports: the default export when it is an object with `metadata` (a plugin,
 * valid or not), otherwise the one named export whose name ends in `Plugin` (`heftPlugin`) and has `metadata`.
 * Several different `...Plugin` exports and no default is ambiguous and refused.
 */
export function pickPluginExport(moduleExports: unknown): PluginExport {
  if (!isObjectLike(moduleExports)) return { problem: `the entry module exports nothing usable (${describeValue(moduleExports)})` };
  const looksLikePlugin = (value: unknown) => isObjectLike(value) && 'metadata' in value;
  if (looksLikePlugin(moduleExports['default'])) return { exportName: 'default', plugin: moduleExports['default'] };
  const named = Object.keys(moduleExports)
    .filter((key) => key !== 'default' && /Plugin$/.test(key) && looksLikePlugin(moduleExports[key]))
    .sort();
  const distinct = [...new Set(named.map((key) => moduleExports[key]))];
  if (distinct.length === 1) return { exportName: named[0]!, plugin: distinct[0] };
  if (distinct.length > 1) {
    return { problem: `the entry module exports several plugins (${named.join(', ')}) and no default export; export the one to load as default` };
  }
  const keys = Object.keys(moduleExports);
  return {
    problem:
      'the entry module has no scheduler plugin: expected a default export or a named export ending in "Plugin" with metadata, optionsSchema and schedule' +
      ` (exports: ${keys.length > 0 ? keys.sort().join(', ') : 'none'})`,
  };
}
