import { SchedulerOptionsError, type ValidationIssue } from '../errors.js';
import { describeValue, isPlainObject } from '../validation/issue-collector.js';
import { jsonPath } from '../validation/json-path.js';

/**
 * The options a scheduler accepts (and the parameters of a training run): a small, declarative subset of JSON
 * Schema, an object of scalar properties with defaults and bounds, lists of numbers or strings, and nested objects
 * of the same. Small enough to validate without a schema library in core, and still a JSON Schema, so the API can
 * publish it and clients can render forms from it.
 */
export interface OptionsSchema {
  type: 'object';
  properties: Record<string, OptionProperty>;
  additionalProperties?: false;
}

export type OptionProperty = NumberOption | BooleanOption | StringOption | ArrayOption | ObjectOption;

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
  maxLength?: number;
}

/** A list of numbers or of strings, e.g. the task counts a training set draws from. */
export interface ArrayOption extends OptionBase {
  type: 'array';
  items: Omit<NumberOption, 'description' | 'default'> | Omit<StringOption, 'description' | 'default'>;
  default?: number[] | string[];
  minItems?: number;
  maxItems?: number;
}

/** A group of options; absent, it resolves to its properties' defaults. */
export interface ObjectOption extends OptionBase {
  type: 'object';
  properties: Record<string, OptionProperty>;
  additionalProperties?: false;
}

export type OptionValue = number | boolean | string | OptionValue[] | { [key: string]: OptionValue | undefined };
export type ResolvedOptions = Record<string, OptionValue | undefined>;

/** Nested objects deeper than this are refused in a schema: forms and messages stay readable. */
export const MAX_OPTIONS_DEPTH = 4;

/**
 * Validates user options against the schema and fills in defaults. Unknown keys are errors (a typo such as
 * `generation` for `generations` must not be silently ignored). Throws SchedulerOptionsError listing every problem.
 */
export function resolveOptions(schema: OptionsSchema, input: unknown, path = 'options'): ResolvedOptions {
  const issues: ValidationIssue[] = [];
  const resolved = resolveObject(schema.properties, input, path, issues);
  if (issues.length > 0) throw new SchedulerOptionsError(issues, 'options');
  return resolved;
}

function resolveObject(properties: Record<string, OptionProperty>, input: unknown, path: string, issues: ValidationIssue[]): ResolvedOptions {
  const given = input ?? {};
  if (!isPlainObject(given)) {
    issues.push({ severity: 'error', path, message: `must be an object, got ${describeValue(given)}` });
    return {};
  }
  const resolved: ResolvedOptions = {};
  for (const key of Object.keys(given)) {
    // Own keys only: `key in properties` is true for "constructor" or "toString" through Object.prototype, and such
    // a key would be silently accepted and ignored.
    if (!Object.hasOwn(properties, key)) {
      const known = Object.keys(properties);
      issues.push({ severity: 'error', path: jsonPath(path, key), message: `unknown option; known options: ${known.length ? known.join(', ') : '(none)'}` });
    }
  }
  for (const [key, property] of Object.entries(properties)) {
    // Likewise, an option the user did not give must not read an inherited member of `given`.
    const value = Object.hasOwn(given, key) ? given[key] : undefined;
    resolved[key] = resolveValue(property, value, jsonPath(path, key), issues);
  }
  return resolved;
}

function resolveValue(property: OptionProperty, given: unknown, at: string, issues: ValidationIssue[]): OptionValue | undefined {
  if (property.type === 'object') return resolveObject(property.properties, given ?? undefined, at, issues) as OptionValue;
  const value = given ?? property.default;
  if (value === undefined) return undefined;
  const error = (message: string) => issues.push({ severity: 'error', path: at, message });
  if (property.type === 'array') {
    if (!Array.isArray(value)) {
      error(`must be a list, got ${describeValue(value)}`);
      return undefined;
    }
    if ((property.minItems !== undefined && value.length < property.minItems) || (property.maxItems !== undefined && value.length > property.maxItems)) {
      error(`must have between ${property.minItems ?? 0} and ${property.maxItems ?? '∞'} items, got ${value.length}`);
    }
    value.forEach((item, i) => scalarProblem(property.items, item, (message) => issues.push({ severity: 'error', path: jsonPath(at, i), message })));
    return [...(value as OptionValue[])];
  }
  scalarProblem(property, value, error);
  return value as OptionValue;
}

/** Reports what is wrong with a scalar value for its declaration (number, integer, boolean or string). */
function scalarProblem(
  property: Omit<NumberOption, 'description'> | Omit<BooleanOption, 'description'> | Omit<StringOption, 'description'>,
  value: unknown,
  error: (message: string) => void,
): void {
  switch (property.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) error(`must be a finite number, got ${describeValue(value)}`);
      else if (property.type === 'integer' && !Number.isInteger(value)) error(`must be an integer, got ${value}`);
      else if ((property.minimum !== undefined && value < property.minimum) || (property.maximum !== undefined && value > property.maximum)) {
        error(`must be between ${property.minimum ?? '-∞'} and ${property.maximum ?? '∞'}, got ${value}`);
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') error(`must be true or false, got ${describeValue(value)}`);
      break;
    case 'string':
      if (typeof value !== 'string') error(`must be a string, got ${describeValue(value)}`);
      else if (property.enum && !property.enum.includes(value)) error(`must be one of ${property.enum.join(', ')}, got "${value}"`);
      else if (property.maxLength !== undefined && value.length > property.maxLength) error(`must be at most ${property.maxLength} characters, got ${value.length}`);
      break;
  }
}

/** Problems with a schema itself (a plugin's declaration), for the registry's validation of plugins. */
export function validateOptionsSchema(schema: unknown): string[] {
  if (!isPlainObject(schema) || schema['type'] !== 'object' || !isPlainObject(schema['properties'])) {
    return ['the options schema must be {"type": "object", "properties": {...}}'];
  }
  return propertiesProblems(schema['properties'] as Record<string, unknown>, '', 1);
}

const SCALAR_TYPES = ['number', 'integer', 'boolean', 'string'];

function propertiesProblems(properties: Record<string, unknown>, prefix: string, depth: number): string[] {
  const problems: string[] = [];
  for (const [key, property] of Object.entries(properties)) {
    const name = `${prefix}${key}`;
    if (!isPlainObject(property)) {
      problems.push(`option "${name}" must be an object`);
      continue;
    }
    const type = property['type'];
    if (typeof property['description'] !== 'string') problems.push(`option "${name}" needs a description`);
    if (type === 'object') {
      if (depth >= MAX_OPTIONS_DEPTH) problems.push(`option "${name}" nests objects deeper than ${MAX_OPTIONS_DEPTH} levels`);
      else if (!isPlainObject(property['properties'])) problems.push(`option "${name}" is an object without "properties"`);
      else problems.push(...propertiesProblems(property['properties'] as Record<string, unknown>, `${name}.`, depth + 1));
      continue;
    }
    if (type === 'array') {
      const items = property['items'];
      if (!isPlainObject(items) || !['number', 'integer', 'string'].includes(items['type'] as string)) {
        problems.push(`option "${name}" is a list whose items are not {"type": "number" | "integer" | "string"}`);
        continue;
      }
    } else if (!SCALAR_TYPES.includes(type as string)) {
      problems.push(`option "${name}" has unsupported type ${describeValue(type)} (number, integer, boolean, string, array or object)`);
      continue;
    }
    if (property['default'] !== undefined) {
      try {
        resolveOptions({ type: 'object', properties: { [key]: property as unknown as OptionProperty } }, { [key]: property['default'] });
      } catch (e) {
        problems.push(`option "${name}" has an invalid default: ${(e as Error).message}`);
      }
    }
  }
  return problems;
}
