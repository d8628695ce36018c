import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { readShared } from '../testing/shared-data.js';
import { heftSchedule } from '../testing/schedule.js';
import { importDax } from './dax.js';
import { generateCluster, generateWorkflow } from '@hetsched/core';
import { parseClusterJson, parseWorkflowJson } from './native-json.js';
import { clusterJsonSchema, scheduleJsonSchema, workflowJsonSchema, type JsonSchema } from './schemas.js';
import { importWfFormat } from './wfformat.js';

const schemas: Record<string, JsonSchema> = { workflow: workflowJsonSchema, cluster: clusterJsonSchema, schedule: scheduleJsonSchema };
const schemaFile = (name: string) => new URL(`../../schemas/${name}.schema.json`, import.meta.url);

const ajv = new Ajv2020({ allErrors: true });
const validators = {
  workflow: ajv.compile(workflowJsonSchema),
  cluster: ajv.compile(clusterJsonSchema),
  schedule: ajv.compile(scheduleJsonSchema),
};
/** The schema errors of a document, as "path message" lines; [] when it is valid. */
const errorsOf = (kind: keyof typeof validators, document: unknown): string[] => {
  const validate = validators[kind];
  return validate(JSON.parse(JSON.stringify(document))) ? [] : validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message}`);
};

describe('the schema files', () => {
  it.each(Object.keys(schemas))('schemas/%s.schema.json is the exported object (UPDATE_SCHEMAS=1 rewrites it)', (name) => {
    const expected = `${JSON.stringify(schemas[name], null, 2)}\n`;
    if (process.env['UPDATE_SCHEMAS'] === '1') writeFileSync(schemaFile(name), expected);
    expect(readFileSync(schemaFile(name), 'utf8')).toBe(expected);
  });
});

describe('documents against the schemas', () => {
  const paperWorkflow = parseWorkflowJson(readShared('fixtures/topcuoglu2002/workflow.json'));
  const paperCluster = parseClusterJson(readShared('fixtures/topcuoglu2002/cluster.json'));

  it('accepts the paper fixtures and the schedule output for them', () => {
    expect(errorsOf('workflow', paperWorkflow)).toEqual([]);
    expect(errorsOf('cluster', paperCluster)).toEqual([]);
    expect(errorsOf('schedule', heftSchedule(paperWorkflow, paperCluster).document)).toEqual([]);
  });

  it('accepts generated documents', () => {
    const workflow = generateWorkflow({ tasks: 300, processors: 4, seed: 7 });
    const cluster = generateCluster({ processors: 4, seed: 7, speed: [1, 2], heterogeneousLinks: true, latency: 0.5 });
    expect(errorsOf('workflow', workflow)).toEqual([]);
    expect(errorsOf('cluster', cluster)).toEqual([]);
    expect(errorsOf('schedule', heftSchedule(workflow, cluster).document)).toEqual([]);
  });

  it('accepts imported documents', () => {
    const trace = importWfFormat(readShared('data/wfinstances/montage-chameleon-2mass-01d-001.json'));
    expect(errorsOf('workflow', trace.workflow)).toEqual([]);
    expect(errorsOf('cluster', trace.cluster)).toEqual([]);
    expect(errorsOf('workflow', importDax(readShared('data/wfinstances/dax/CyberShake_100.xml')).workflow)).toEqual([]);
  });

  it('accepts the null that JSON.stringify writes for an infinite ratio', () => {
    const { document } = heftSchedule(paperWorkflow, paperCluster);
    expect(errorsOf('schedule', { ...document, metrics: { ...document.metrics, slr: Infinity } })).toEqual([]);
  });

  it.each([
    ['workflow', { tasks: [{ id: 'a', work: 1 }] }, ["/ must have required property 'edges'"]],
    ['workflow', { tasks: [], edges: [] }, ['/tasks must NOT have fewer than 1 items']],
    ['workflow', { tasks: [{ id: 'a' }], edges: [] }, ["/tasks/0 must have required property 'work'", "/tasks/0 must have required property 'costs'", '/tasks/0 must match a schema in anyOf']],
    ['workflow', { tasks: [{ id: 'a', costs: { p1: -1 } }], edges: [] }, ['/tasks/0/costs/p1 must be >= 0']],
    ['workflow', { tasks: [{ id: 'a', work: 1 }], edges: [{ from: 'a', to: '', data: 1 }] }, ['/edges/0/to must NOT have fewer than 1 characters']],
    ['cluster', { processors: [{ id: 'p1', speed: 0 }] }, ['/processors/0/speed must be > 0']],
    ['cluster', { processors: [{ id: 'p1', cores: 1.5 }] }, ['/processors/0/cores must be integer']],
    ['cluster', { processors: [{ id: 'p1' }], network: { links: [{ between: ['p1'] }] } }, ['/network/links/0/between must NOT have fewer than 2 items']],
    ['schedule', { scheduler: 'heft', makespan: 1, assignments: [] }, ["/ must have required property 'metrics'"]],
    [
      'schedule',
      { scheduler: 'heft', makespan: 1, metrics: { slr: 1, speedup: 1, efficiency: 1, averageTurnaround: 1, utilisation: {} }, assignments: [{ task: 'a', processor: 'p1', start: '0', finish: 1 }] },
      ['/assignments/0/start must be number'],
    ],
  ] as const)('rejects a bad %s: %j', (kind, document, errors) => {
    expect(errorsOf(kind, document)).toEqual(errors);
  });
});
