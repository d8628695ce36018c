/**
 * JSON Schemas (draft 2020-12) of the native documents, for editors, other languages and API clients.
 *
 * They are written here, as objects, rather than imported from the .json files: a JSON import from outside
 * `src` breaks the tsc build's rootDir. `schemas.spec.ts` keeps libs/formats/schemas/*.schema.json identical to
 * these objects (it fails on drift; `UPDATE_SCHEMAS=1` rewrites the files).
 *
 * A schema checks the shape of a document only. What it cannot say (ids unique, edges between known tasks, no
 * cycle, links between known processors) `parseWorkflowJson` / `parseClusterJson` check, with precise paths.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

const id = { type: 'string', minLength: 1 } as const;
const nonNegative = { type: 'number', minimum: 0 } as const;
const positive = { type: 'number', exclusiveMinimum: 0 } as const;

export const workflowJsonSchema: JsonSchema = {
  $schema: DRAFT_2020_12,
  title: 'hetsched workflow',
  description:
    'A workflow DAG: tasks with an execution time per processor (explicit costs, or work divided by the processor speed) and edges with a data volume. Units are the user\'s own (docs/formats.md).',
  type: 'object',
  required: ['tasks', 'edges'],
  properties: {
    name: { type: 'string' },
    tasks: { type: 'array', minItems: 1, items: { $ref: '#/$defs/task' } },
    edges: { type: 'array', items: { $ref: '#/$defs/edge' } },
  },
  $defs: {
    task: {
      type: 'object',
      required: ['id'],
      anyOf: [{ required: ['work'] }, { required: ['costs'] }],
      properties: {
        id: { ...id, description: 'Unique among the tasks.' },
        work: { ...nonNegative, description: 'Time on a processor of speed 1; the time on p is work / speed(p).' },
        costs: {
          type: 'object',
          description: 'Execution time per processor id; overrides work for the processors it names.',
          additionalProperties: nonNegative,
        },
        memoryGb: nonNegative,
        priority: { type: 'number' },
      },
    },
    edge: {
      type: 'object',
      required: ['from', 'to'],
      properties: {
        from: { ...id, description: 'The producing task.' },
        to: { ...id, description: 'The consuming task; not the same as from.' },
        data: { ...nonNegative, description: 'Data volume sent; 0 when absent.' },
      },
    },
  },
};

export const clusterJsonSchema: JsonSchema = {
  $schema: DRAFT_2020_12,
  title: 'hetsched cluster',
  description:
    'Processors with a relative speed, and a network: a default bandwidth and latency between two distinct processors, with symmetric per-pair overrides.',
  type: 'object',
  required: ['processors'],
  properties: {
    name: { type: 'string' },
    processors: { type: 'array', minItems: 1, items: { $ref: '#/$defs/processor' } },
    network: { $ref: '#/$defs/network' },
  },
  $defs: {
    processor: {
      type: 'object',
      required: ['id'],
      properties: {
        id: { ...id, description: 'Unique among the processors.' },
        speed: { ...positive, default: 1, description: 'Relative speed: a task of work w takes w / speed.' },
        cores: { type: 'integer', minimum: 1, description: 'Informational: a processor runs one task at a time.' },
        memoryGb: nonNegative,
        type: { type: 'string' },
      },
    },
    network: {
      type: 'object',
      properties: {
        bandwidth: { ...positive, default: 1, description: 'Data per time unit between two distinct processors.' },
        latency: { ...nonNegative, default: 0, description: 'Time added to every transfer between two distinct processors.' },
        links: { type: 'array', items: { $ref: '#/$defs/link' } },
      },
    },
    link: {
      type: 'object',
      required: ['between'],
      properties: {
        between: { type: 'array', items: id, minItems: 2, maxItems: 2, description: 'Two distinct processor ids; links are symmetric.' },
        bandwidth: positive,
        latency: nonNegative,
      },
    },
  },
};

/** A ratio that JSON cannot always carry: Infinity (a zero denominator) is written as null by JSON.stringify. */
const ratio = { type: ['number', 'null'], description: 'null when not finite (zero-cost workflows).' } as const;

export const scheduleJsonSchema: JsonSchema = {
  $schema: DRAFT_2020_12,
  title: 'hetsched schedule',
  description: 'The output of a scheduler run (core\'s SchedulerRun), as the CLI prints it; other fields (schedulerVersion, options, info) may follow.',
  type: 'object',
  required: ['scheduler', 'makespan', 'metrics', 'assignments'],
  properties: {
    scheduler: { type: 'string', minLength: 1 },
    makespan: nonNegative,
    metrics: {
      type: 'object',
      required: ['slr', 'speedup', 'efficiency', 'averageTurnaround', 'utilisation'],
      properties: {
        slr: { ...ratio, description: 'Makespan / CP_MIN (critical path at minimum costs, no communication).' },
        speedup: { ...ratio, description: 'Best single-processor time / makespan.' },
        efficiency: { ...ratio, description: 'speedup / number of processors.' },
        averageTurnaround: { ...nonNegative, description: 'Mean task finish time.' },
        utilisation: { type: 'object', description: 'Busy time / makespan per processor id.', additionalProperties: nonNegative },
      },
    },
    assignments: {
      type: 'array',
      items: {
        type: 'object',
        required: ['task', 'processor', 'start', 'finish'],
        properties: { task: id, processor: id, start: nonNegative, finish: nonNegative },
      },
    },
  },
};
