import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScheduleRunResolver } from '../runs/schedule-run.resolver.js';
import { buildApiSchema, ResolverContainer } from './build-schema.js';
import { useDirectResolvers } from './direct-resolvers.js';

/** The resolver of ScheduleRun.workflow/cluster with services that record what they are asked. */
function recordingResolver(calls: unknown[][]) {
  const workflows = { ofRun: (id: string, loaders: unknown) => (calls.push(['workflow', id, loaders]), { id, name: `w ${id}` }) };
  const clusters = { ofRun: (id: string, loaders: unknown) => (calls.push(['cluster', id, loaders]), Promise.resolve({ id, name: `c ${id}` })) };
  return new ScheduleRunResolver({} as never, workflows as never, clusters as never);
}

const fieldOf = (schema: GraphQLSchema, type: string, field: string) => {
  const object = schema.getType(type);
  if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
  return object.getFields()[field]!;
};

let schema: GraphQLSchema;
let container: ResolverContainer;
const calls: unknown[][] = [];

beforeAll(async () => {
  container = new ResolverContainer();
  schema = await buildApiSchema(container);
  container.register(ScheduleRunResolver, recordingResolver(calls));
}, 60_000);

describe('useDirectResolvers', () => {
  it("calls the resolver's method with the root and the context, returning what it returns", async () => {
    const before = fieldOf(schema, 'ScheduleRun', 'workflow').resolve;
    useDirectResolvers(schema, container, ['ScheduleRun.workflow', 'ScheduleRun.cluster']);
    expect(fieldOf(schema, 'ScheduleRun', 'workflow').resolve).not.toBe(before);
    const loaders = { marker: true };
    const run = { workflowId: 'w1', clusterId: 'c1' };
    const context = { loaders };
    const info = {} as never;
    expect(fieldOf(schema, 'ScheduleRun', 'workflow').resolve!(run, {}, context, info)).toEqual({ id: 'w1', name: 'w w1' });
    await expect(fieldOf(schema, 'ScheduleRun', 'cluster').resolve!(run, {}, context, info)).resolves.toEqual({ id: 'c1', name: 'c c1' });
    expect(calls).toEqual([
      ['workflow', 'w1', loaders],
      ['cluster', 'c1', loaders],
    ]);
  });

  it('refuses a field with arguments, a field without a resolver class and an unknown field', () => {
    expect(() => useDirectResolvers(schema, container, ['ScheduleRun.ganttSvg'])).toThrow(/takes a arg parameter/);
    expect(() => useDirectResolvers(schema, container, ['ScheduleRun.makespan'])).toThrow(/has no type-graphql field resolver/);
    expect(() => useDirectResolvers(schema, container, ['ScheduleRun.nothing'])).toThrow(/no field ScheduleRun.nothing/);
  });

  it('refuses a field resolver with roles or middlewares: only type-graphql applies them', () => {
    const metadata = getMetadataStorage().fieldResolvers.find((r) => r.target === ScheduleRunResolver && r.methodName === 'workflow')!;
    const saved = { roles: metadata.roles, middlewares: metadata.middlewares };
    try {
      metadata.roles = ['ADMIN'];
      expect(() => useDirectResolvers(schema, container, ['ScheduleRun.workflow'])).toThrow(/roles or middlewares/);
      metadata.roles = saved.roles;
      metadata.middlewares = [async (_data, next) => next()];
      expect(() => useDirectResolvers(schema, container, ['ScheduleRun.workflow'])).toThrow(/roles or middlewares/);
    } finally {
      Object.assign(metadata, saved);
    }
  });
});
