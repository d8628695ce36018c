import {
  execute,
  getOperationAST,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLError,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type DocumentNode,
  type ExecutionResult,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateTime, JSONObject } from '../common/scalars.js';
import { CompiledExecutor, COMPILE_ON_EXECUTION, type ExecutorRequest } from './compiled-executor.js';
import { isExpectedError } from './error-masking.js';

// The reference is graphql-js itself: every document runs through graphql-js `execute` and through the executor
// (first run on graphql-js, later runs compiled), and the answers must be the same — data, error messages, paths,
// locations, extensions, and what the masking makes of each error.

interface Context {
  added: number[];
}

/** type-graphql wraps resolveType in an async function: the schema's own resolver is one too. */
const runType = (run: { kind: string }) => (run.kind === 'SCHEDULE' ? 'ScheduleRun' : 'TrainingRun');

function testSchema(scalar: GraphQLScalarType = DateTime): GraphQLSchema {
  const format = new GraphQLEnumType({ name: 'Format', values: { NATIVE: { value: 'NATIVE' }, DAX: { value: 'DAX' } } });
  const submit = new GraphQLInputObjectType({
    name: 'Submit',
    fields: {
      name: { type: new GraphQLNonNull(GraphQLString) },
      format: { type: new GraphQLNonNull(format), defaultValue: 'NATIVE' },
      tags: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
      after: { type: scalar },
      options: { type: JSONObject },
    },
  });
  const run = new GraphQLInterfaceType({
    name: 'Run',
    fields: { id: { type: new GraphQLNonNull(GraphQLID) }, kind: { type: new GraphQLNonNull(GraphQLString) } },
    resolveType: async (value: { kind: string }) => runType(value),
  });
  const scheduleRun = new GraphQLObjectType({
    name: 'ScheduleRun',
    interfaces: [run],
    fields: {
      id: { type: new GraphQLNonNull(GraphQLID) },
      kind: { type: new GraphQLNonNull(GraphQLString) },
      makespan: { type: GraphQLFloat },
      createdAt: { type: new GraphQLNonNull(DateTime) },
      info: { type: JSONObject },
      late: { type: GraphQLString, resolve: async (source: { id: string }) => `late ${source.id}` },
    },
  });
  const trainingRun = new GraphQLObjectType({
    name: 'TrainingRun',
    interfaces: [run],
    fields: { id: { type: new GraphQLNonNull(GraphQLID) }, kind: { type: new GraphQLNonNull(GraphQLString) }, epochs: { type: new GraphQLNonNull(GraphQLInt) } },
  });
  const runs = [
    { id: 'r1', kind: 'SCHEDULE', makespan: 0.1 + 0.2, createdAt: new Date(Date.UTC(2026, 0, 31, 12)), info: { note: 'a', nested: [1, null] } },
    { id: 'r2', kind: 'TRAINING', epochs: 3 },
    { id: 'r3', kind: 'SCHEDULE', makespan: null, createdAt: new Date(0), info: null },
  ];
  const query = new GraphQLObjectType<unknown, Context>({
    name: 'Query',
    fields: {
      runs: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(run))), args: { first: { type: GraphQLInt } }, resolve: async (_, args) => runs.slice(0, args['first'] ?? 3) },
      echo: { type: new GraphQLNonNull(GraphQLString), args: { input: { type: new GraphQLNonNull(submit) } }, resolve: (_, args) => JSON.stringify(args['input']) },
      failing: {
        type: GraphQLString,
        args: { how: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_, args) => {
          if (args['how'] === 'expected') throw new GraphQLError('no such thing', { extensions: { code: 'NOT_FOUND', id: 'x' } });
          throw new Error('connection refused at 10.0.0.7');
        },
      },
      strict: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
      flag: { type: GraphQLBoolean, resolve: () => true },
    },
  });
  const mutation = new GraphQLObjectType<unknown, Context>({
    name: 'Mutation',
    fields: {
      add: {
        type: new GraphQLNonNull(new GraphQLList(GraphQLInt)),
        args: { n: { type: new GraphQLNonNull(GraphQLInt) } },
        // Later fields wait less: only serial execution keeps the order of the document.
        resolve: async (_, args, context) => {
          await new Promise((resolve) => setTimeout(resolve, 20 - args['n']));
          context.added.push(args['n']);
          return [...context.added];
        },
      },
    },
  });
  return new GraphQLSchema({ query, mutation, types: [scheduleRun, trainingRun] });
}

function request(document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): ExecutorRequest {
  return {
    document,
    operation: getOperationAST(document, operationName)!,
    request: { variables, operationName },
    context: { added: [] } satisfies Context,
  } as unknown as ExecutorRequest;
}

/** What a client sees of a result, and whether the masking would hide each error. */
function observed(result: ExecutionResult) {
  return { ...JSON.parse(JSON.stringify(result)), masked: (result.errors ?? []).map((error) => !isExpectedError(error)) };
}

async function compare(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const schema = testSchema();
  const executor = new CompiledExecutor(schema, { Run: runType });
  const document = parse(query);
  const reference = observed(await execute({ schema: testSchema(), document, variableValues: variables, operationName, contextValue: { added: [] } }));
  for (let run = 1; run <= COMPILE_ON_EXECUTION + 1; run++) expect(observed(await executor.execute(request(document, variables, operationName)))).toEqual(reference);
  return { executor, reference };
}

describe('CompiledExecutor', () => {
  it('answers as graphql-js does, compiled from the second execution: interfaces, fragments, scalars, @include, aliases', async () => {
    const { executor, reference } = await compare(`query List($first: Int, $with: Boolean!) {
      runs(first: $first) { id kind __typename ... on ScheduleRun { makespan createdAt info late } ... on TrainingRun { epochs } }
      again: runs(first: 1) { id }
      flag @include(if: $with)
    }`, { first: 3, with: false });
    expect(reference.data.runs).toHaveLength(3);
    expect(reference.data.runs[0]).toMatchObject({ __typename: 'ScheduleRun', createdAt: '2026-01-31T12:00:00.000Z', late: 'late r1' });
    expect(executor.stats).toEqual({ compiled: 1, compiledExecutions: COMPILE_ON_EXECUTION });
  });

  it("applies an input field's default given by variables (graphql-jit alone reports it missing)", async () => {
    const { executor, reference } = await compare('query($input: Submit!) { echo(input: $input) }', { input: { name: 'w', tags: 'one', options: { a: 1 } } });
    // coerced by the rules: the default filled in, a single value where a list is expected becomes a list of one
    expect(JSON.parse(reference.data.echo)).toEqual({ name: 'w', tags: ['one'], options: { a: 1 }, format: 'NATIVE' });
    expect(executor.stats.compiledExecutions).toBe(COMPILE_ON_EXECUTION);
  });

  it('keeps the errors of resolvers, of non-null fields and of bad variables as graphql-js makes them (masking alike)', async () => {
    const failing = await compare('{ expected: failing(how: "expected") unexpected: failing(how: "plain") flag }');
    expect(failing.reference.errors.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual(['NOT_FOUND', undefined]);
    // NOT_FOUND is a GraphQLError of ours: shown; the plain Error names a host: masked
    expect(failing.reference.masked).toEqual([false, true]);
    const strict = await compare('{ flag strict }');
    expect(strict.reference).toMatchObject({ data: null, masked: [true] });
    // bad variables never reach graphql-jit: graphql-js answers, with its messages
    const bad = await compare('query($input: Submit!) { echo(input: $input) }', { input: { tags: ['x'] } });
    expect(bad.reference.errors[0].message).toContain('Field "name" of required type "String!" was not provided');
    expect(bad.executor.stats.compiledExecutions).toBe(0);
  });

  it('runs the fields of a mutation one after the other', async () => {
    const { executor, reference } = await compare('mutation { a: add(n: 1) b: add(n: 9) c: add(n: 5) }');
    expect(reference.data).toEqual({ a: [1], b: [1, 9], c: [1, 9, 5] });
    expect(executor.stats.compiled).toBe(1);
  });

  it('leaves on graphql-js what it does not compile: a variable of a scalar not known to coerce twice unchanged', async () => {
    const opaque = new GraphQLScalarType({ name: 'Opaque', parseValue: (value) => ({ wrapped: value }) });
    const executor = new CompiledExecutor(testSchema(opaque), { Run: runType });
    const document = parse('query($input: Submit!) { echo(input: $input) }');
    for (let run = 0; run < 3; run++) {
      const result = await executor.execute(request(document, { input: { name: 'n', after: 'x' } }));
      expect(JSON.parse(result.data!['echo'] as string)).toMatchObject({ after: { wrapped: 'x' } });
    }
    expect(executor.stats).toEqual({ compiled: 0, compiledExecutions: 0 });
  });

  it('refuses a schema with an interface it has no synchronous resolveType for', () => {
    expect(() => new CompiledExecutor(testSchema(), {})).toThrow(/Run needs a synchronous resolveType/);
  });
});
