/**
 * Forms from a scheduler's `optionsSchema` (and a learning scheduler's training `parametersSchema`): the JSON Schema
 * subset of core's OptionsSchema (numbers and integers with bounds, booleans, strings with enum or maxLength,
 * lists of numbers or strings, nested groups; every property with a description and usually a default). This
 * module turns the schema into field descriptions and the form's text back into options, checking them as the
 * server will (same rules, similar messages) so that mistakes show next to their field before a request.
 */
export type FieldKind = 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'list' | 'group' | 'json';

export interface ItemSpec {
  kind: 'number' | 'integer' | 'string' | 'enum';
  minimum?: number;
  maximum?: number;
  choices?: string[];
}

export interface FormField {
  key: string;
  /** Dotted path from the root, e.g. "dataset.count": the key of its value and its error. */
  path: string;
  label: string;
  description: string;
  kind: FieldKind;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  choices?: string[];
  maxLength?: number;
  item?: ItemSpec;
  minItems?: number;
  maxItems?: number;
  /** The fields of a group. */
  fields?: FormField[];
}

/** What the inputs hold: text for everything but checkboxes, by field path. */
export type FormValues = Record<string, string | boolean>;

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOrUndefined = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** "timeBudgetMs" -> "time budget ms": the schema's keys are camelCase identifiers. */
export function labelOf(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

/** The fields of an object schema, in the schema's key order. Properties of other shapes become JSON fields. */
export function describeFields(schema: unknown, prefix = ''): FormField[] {
  if (!isObject(schema) || !isObject(schema['properties'])) return [];
  return Object.entries(schema['properties']).map(([key, property]) => describeField(key, prefix ? `${prefix}.${key}` : key, isObject(property) ? property : {}));
}

function describeField(key: string, path: string, property: Schema): FormField {
  const base = { key, path, label: labelOf(key), description: typeof property['description'] === 'string' ? property['description'] : '', default: property['default'] };
  const type = property['type'];
  if (type === 'object') return { ...base, kind: 'group', fields: describeFields(property, path) };
  if (type === 'number' || type === 'integer') {
    return { ...base, kind: type, minimum: numberOrUndefined(property['minimum']), maximum: numberOrUndefined(property['maximum']) };
  }
  if (type === 'boolean') return { ...base, kind: 'boolean' };
  if (type === 'string' && Array.isArray(property['enum'])) return { ...base, kind: 'enum', choices: property['enum'].map(String) };
  if (type === 'string') return { ...base, kind: 'string', maxLength: numberOrUndefined(property['maxLength']) };
  if (type === 'array' && isObject(property['items'])) {
    const items = property['items'];
    const itemKind = items['type'] === 'integer' || items['type'] === 'number' ? items['type'] : Array.isArray(items['enum']) ? 'enum' : 'string';
    const item: ItemSpec = { kind: itemKind, minimum: numberOrUndefined(items['minimum']), maximum: numberOrUndefined(items['maximum']) };
    if (Array.isArray(items['enum'])) item.choices = items['enum'].map(String);
    return { ...base, kind: 'list', item, minItems: numberOrUndefined(property['minItems']), maxItems: numberOrUndefined(property['maxItems']) };
  }
  return { ...base, kind: 'json' };
}

/** The form's starting values: each default as the input shows it (lists as "1, 2, 3"), empty when none. */
export function initialValues(fields: readonly FormField[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (field.kind === 'group') Object.assign(values, initialValues(field.fields ?? []));
    else if (field.kind === 'boolean') values[field.path] = field.default === true;
    else if (field.default === undefined) values[field.path] = '';
    else if (field.kind === 'list' && Array.isArray(field.default)) values[field.path] = field.default.join(', ');
    else if (field.kind === 'json') values[field.path] = JSON.stringify(field.default);
    else values[field.path] = String(field.default);
  }
  return values;
}

export interface ReadOptions {
  options: Record<string, unknown>;
  /** Messages by field path; empty when the options may be sent. */
  errors: Record<string, string>;
}

/**
 * The options a form's values describe. An empty input is left out (the scheduler's default applies); a group
 * with nothing in it is left out too. Every value is checked against its field.
 */
export function readOptions(fields: readonly FormField[], values: FormValues): ReadOptions {
  const errors: Record<string, string> = {};
  const options = readGroup(fields, values, errors);
  return { options, errors };
}

function readGroup(fields: readonly FormField[], values: FormValues, errors: Record<string, string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === 'group') {
      const group = readGroup(field.fields ?? [], values, errors);
      if (Object.keys(group).length > 0) result[field.key] = group;
      continue;
    }
    const raw = values[field.path];
    if (field.kind === 'boolean') {
      if (typeof raw === 'boolean') result[field.key] = raw;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') continue;
    const read = readValue(field, text);
    if ('error' in read) errors[field.path] = read.error;
    else result[field.key] = read.value;
  }
  return result;
}

type Read = { value: unknown } | { error: string };

function readValue(field: FormField, text: string): Read {
  switch (field.kind) {
    case 'number':
    case 'integer':
      return readNumber(text, field.kind, field.minimum, field.maximum);
    case 'enum':
      return field.choices?.includes(text) ? { value: text } : { error: `must be one of ${field.choices?.join(', ')}, got "${text}"` };
    case 'string':
      return field.maxLength !== undefined && text.length > field.maxLength ? { error: `must be at most ${field.maxLength} characters, got ${text.length}` } : { value: text };
    case 'list':
      return readList(field, text);
    default:
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: 'must be JSON' };
      }
  }
}

function readNumber(text: string, kind: 'number' | 'integer', minimum?: number, maximum?: number): Read {
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: `must be a finite number, got "${text}"` };
  if (kind === 'integer' && !Number.isInteger(value)) return { error: `must be an integer, got ${value}` };
  if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
    return { error: `must be between ${minimum ?? '-∞'} and ${maximum ?? '∞'}, got ${value}` };
  }
  return { value };
}

/** A list typed as "1, 2, 3" (commas or spaces): each item checked as the item spec says, then the length. */
function readList(field: FormField, text: string): Read {
  const item = field.item ?? { kind: 'string' };
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const value: unknown[] = [];
  for (const [i, part] of parts.entries()) {
    const read: Read =
      item.kind === 'number' || item.kind === 'integer'
        ? readNumber(part, item.kind, item.minimum, item.maximum)
        : item.kind === 'enum' && !item.choices?.includes(part)
          ? { error: `must be one of ${item.choices?.join(', ')}, got "${part}"` }
          : { value: part };
    if ('error' in read) return { error: `item ${i + 1}: ${read.error}` };
    value.push(read.value);
  }
  if ((field.minItems !== undefined && value.length < field.minItems) || (field.maxItems !== undefined && value.length > field.maxItems)) {
    return { error: `must have between ${field.minItems ?? 0} and ${field.maxItems ?? '∞'} items, got ${value.length}` };
  }
  return { value };
}

/** A short hint of a field's bounds for its input: "0 to 2000", "at least 1", "1-16 items". */
export function boundsHint(field: FormField): string {
  const range = (min?: number, max?: number) =>
    min !== undefined && max !== undefined ? `${min} to ${max}` : min !== undefined ? `at least ${min}` : max !== undefined ? `at most ${max}` : '';
  if (field.kind === 'number' || field.kind === 'integer') return range(field.minimum, field.maximum);
  if (field.kind === 'list') {
    const items = field.minItems !== undefined || field.maxItems !== undefined ? `${field.minItems ?? 0}-${field.maxItems ?? '∞'} items` : '';
    return [items, range(field.item?.minimum, field.item?.maximum)].filter(Boolean).join(', each ');
  }
  if (field.kind === 'string' && field.maxLength !== undefined) return `at most ${field.maxLength} characters`;
  return '';
}
