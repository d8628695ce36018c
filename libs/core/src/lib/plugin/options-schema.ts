import { SchedulerOptionsError, type ValidationIssue } from '../errors.js';
import { describeValue, isPlainObject } from '../validation/issue-collector.js';
import { jsonPath } from '../validation/json-path.js';

/**
 * The options a scheduler accepts: a small, declarative subset of JSON Schema (an object of scalar properties with
 * defaults and bounds). Small enough to validate without a schema library in core, and still a JSON Schema, so the
 * API can publish it and clients can render forms from it.
 */
export interface OptionsSchema {
  type: 'object';
  properties: Record<string, OptionProperty>;
  additionalProperties?: false;
}

export type OptionProperty = NumberOption | BooleanOption | StringOption;

interface OptionBase {
  description: string;
}

export interface NumberOption extends OptionBase {
  type: 'number' | 'integer';
  default?: number;
  minimum?: number;
  maximum?: number;
}

export interface BooleanOption extends OptionBase {
  type: 'boolean';
  default?: boolean;
}

export interface StringOption extends OptionBase {
  type: 'string';
  default?: string;
  enum?: string[];
}

export type ResolvedOptions = Record<string, number | boolean | string | undefined>;

/**
 * Validates user options against the schema and fills in defaults. Unknown keys are errors (a typo such as
 * `generation` for `generations` must not be silently ignored). Throws SchedulerOptionsError listing every problem.
 */
export function resolveOptions(schema: OptionsSchema, input: unknown, path = 'options'): ResolvedOptions {
  const issues: ValidationIssue[] = [];
  const error = (at: string, message: string) => issues.push({ severity: 'error', path: at, message });
  const given = input ?? {};
  if (!isPlainObject(given)) {
    throw new SchedulerOptionsError([{ severity: 'error', path, message: `must be an object, got ${describeValue(given)}` }], 'options');
  }
  const resolved: ResolvedOptions = {};
  for (const key of Object.keys(given)) {
    // Own keys only: `key in properties` is true for "constructor" or "toString" through Object.prototype, and such
    // a key would be silently accepted and ignored.
    if (!Object.hasOwn(schema.properties, key)) {
      const known = Object.keys(schema.properties);
      error(jsonPath(path, key), `unknown option; known options: ${known.length ? known.join(', ') : '(none)'}`);
    }
  }
  for (const [key, property] of Object.entries(schema.properties)) {
    const at = jsonPath(path, key);
    // Likewise, an option the user did not give must not read an inherited member of `given`.
    const value = (Object.hasOwn(given, key) ? given[key] : undefined) ?? property.default;
    if (value === undefined) {
      resolved[key] = undefined;
      continue;
    }
    switch (property.type) {
      case 'number':
      case 'integer': {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          error(at, `must be a finite number, got ${describeValue(value)}`);
        } else if (property.type === 'integer' && !Number.isInteger(value)) {
          error(at, `must be an integer, got ${value}`);
        } else if ((property.minimum !== undefined && value < property.minimum) || (property.maximum !== undefined && value > property.maximum)) {
          error(at, `must be between ${property.minimum ?? '-∞'} and ${property.maximum ?? '∞'}, got ${value}`);
        }
        break;
      }
      case 'boolean':
        if (typeof value !== 'boolean') error(at, `must be true or false, got ${describeValue(value)}`);
        break;
      case 'string':
        if (typeof value !== 'string') error(at, `must be a string, got ${describeValue(value)}`);
        else if (property.enum && !property.enum.includes(value)) error(at, `must be one of ${property.enum.join(', ')}, got "${value}"`);
        break;
    }
    resolved[key] = value as number | boolean | string;
  }
  if (issues.length > 0) throw new SchedulerOptionsError(issues, 'options');
  return resolved;
}

/** Problems with a schema itself (a plugin's declaration), for the registry's validation of plugins. */
export function validateOptionsSchema(schema: unknown): string[] {
  const problems: string[] = [];
  if (!isPlainObject(schema) || schema['type'] !== 'object' || !isPlainObject(schema['properties'])) {
    return ['the options schema must be {"type": "object", "properties": {...}}'];
  }
  for (const [key, property] of Object.entries(schema['properties'] as Record<string, unknown>)) {
    if (!isPlainObject(property)) {
      problems.push(`option "${key}" must be an object`);
      continue;
    }
    const type = property['type'];
    if (!['number', 'integer', 'boolean', 'string'].includes(type as string)) {
      problems.push(`option "${key}" has unsupported type ${describeValue(type)} (number, integer, boolean or string)`);
      continue;
    }
    if (typeof property['description'] !== 'string') problems.push(`option "${key}" needs a description`);
    if (property['default'] !== undefined) {
      try {
        resolveOptions({ type: 'object', properties: { [key]: property as unknown as OptionProperty } }, { [key]: property['default'] });
      } catch (e) {
        problems.push(`option "${key}" has an invalid default: ${(e as Error).message}`);
      }
    }
  }
  return problems;
}
