import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  execute,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isScalarType,
  specifiedScalarTypes,
  typeFromAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLInputType,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  type OperationDefinitionNode,
  type SourceLocation,
} from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import type { ApiContext } from '../common/context.js';

type Gateway = NonNullable<ApolloServerOptionsWithGateway<ApiContext>['gateway']>;
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
export type ExecutorRequest = Parameters<Executor>[0];

/**
 * A document is compiled on its second execution: a query a client repeats (a console's history page, a poll) pays
 * for compiling once, while one-off documents (and a stream of unique ones) never do. Mercurius's `jit` threshold.
 */
export const COMPILE_ON_EXECUTION = 2;

/** What is known of one parsed document: how often it ran, and its compiled operations (null: cannot be compiled). */
interface DocumentPlan {
  executions: number;
  compiled: Map<string, CompiledQuery | null>;
}

/**
 * Custom scalars whose parseValue returns a value it accepts again unchanged (graphql-scalars' DateTime keeps a Date,
 * JSONObject an object). Variables are coerced twice on the compiled path (below), so only operations whose
 * variables are of such types, built-in scalars, enums whose values are their names and input objects of these
 * are compiled.
 */
export const IDEMPOTENT_SCALARS: ReadonlySet<string> = new Set(['DateTime', 'JSONObject']);

/**
 * Executes queries and mutations with graphql-jit, which turns an operation into one JavaScript function per
 * selection (resolvers called directly, leaves serialized inline) instead of graphql-js walking the document for
 * every request: the run history page of 50 runs resolves some 600 fields. Everything else stays graphql-js:
 * subscriptions, a document's first execution, and whatever graphql-jit refuses to compile.
 *
 * Variables are coerced by graphql-js first, so that a request with bad variables fails exactly as before (the
 * operation then runs on graphql-js), and because graphql-jit's own coercion misses input fields' defaults
 * (`format: WorkflowFormat! = NATIVE` comes out "not provided"); graphql-jit then coerces the coerced values again,
 * which changes nothing for the types `compilable` allows.
 *
 * Apollo Server still parses, validates, caches documents and runs every plugin (operation limits, error logging)
 * around this executor; errors keep their `originalError`, so masking (error-masking.ts) sees what it saw before.
 * Plans hang off the DocumentNode in a WeakMap: Apollo's document cache hands out the same node for the same query
 * text, and a plan goes with its document when the cache drops it.
 */
export class CompiledExecutor {
  /** Operations compiled, and executions that ran compiled, so far. */
  readonly stats = { compiled: 0, compiledExecutions: 0 };
  private readonly plans = new WeakMap<DocumentNode, DocumentPlan>();

  constructor(
    private readonly schema: GraphQLSchema,
    typeResolvers: TypeResolvers,
  ) {
    useSynchronousTypeResolvers(schema, typeResolvers);
  }

  readonly execute = async (request: ExecutorRequest): Promise<ExecutionResult> => {
    const compiled = await this.compiledFor(request);
    if (!compiled) return this.graphqlJs(request);
    const variables = getVariableValues(this.schema, request.operation.variableDefinitions ?? [], request.request.variables ?? {});
    if (variables.errors) return this.graphqlJs(request);
    this.stats.compiledExecutions++;
    return asGraphqlJsResult(await compiled.query(undefined, request.context, variables.coerced));
  };

  private async compiledFor(request: ExecutorRequest): Promise<CompiledQuery | null> {
    let plan = this.plans.get(request.document);
    if (!plan) this.plans.set(request.document, (plan = { executions: 0, compiled: new Map() }));
    plan.executions++;
    if (plan.executions < COMPILE_ON_EXECUTION) return null;
    const operationName = request.request.operationName ?? undefined;
    const key = operationName ?? '';
    if (!plan.compiled.has(key)) {
      let compiled: CompiledQuery | null = null;
      if (compilable(this.schema, request.operation)) {
        const { compileQuery, isCompiledQuery } = await loadGraphqlJit();
        const result = compileQuery(this.schema, request.document, operationName);
        if (isCompiledQuery(result)) compiled = result;
      }
      if (compiled) this.stats.compiled++;
      plan.compiled.set(key, compiled);
    }
    return plan.compiled.get(key) ?? null;
  }

  private graphqlJs(request: ExecutorRequest): Promise<ExecutionResult> | ExecutionResult {
    return execute({
      schema: this.schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.request.variables ?? {},
      operationName: request.request.operationName ?? null,
    });
  }
}

/** graphql-jit (with fast-json-stringify and ajv) takes a third of a second to import: only once something compiles. */
let graphqlJit: Promise<typeof import('graphql-jit')> | undefined;
const loadGraphqlJit = () => (graphqlJit ??= import('graphql-jit'));

/** The synchronous `resolveType` of every interface and union of the schema, by type name. */
export type TypeResolvers = Readonly<Record<string, (value: never) => string>>;

/**
 * graphql-jit calls `resolveType` and switches on its answer at once: it cannot await the promise type-graphql's
 * wrapper returns. Each abstract type gets its synchronous resolver instead (graphql-js takes a type name either
 * way); a schema with an abstract type that has none is refused, loudly, when the server starts.
 */
function useSynchronousTypeResolvers(schema: GraphQLSchema, typeResolvers: TypeResolvers): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type) || type.name.startsWith('__')) continue;
    const resolve = typeResolvers[type.name];
    if (!resolve) throw new Error(`compiled executor: the abstract type ${type.name} needs a synchronous resolveType (typeResolvers)`);
    type.resolveType = resolve as unknown as GraphQLTypeResolver<unknown, unknown>;
  }
}

/** A query or mutation whose variables survive a second coercion unchanged (see IDEMPOTENT_SCALARS). */
function compilable(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query' && operation.operation !== 'mutation') return false;
  return (operation.variableDefinitions ?? []).every((definition) => {
    const type = typeFromAST(schema, definition.type);
    return type !== undefined && coercesIdempotently(type as GraphQLInputType, new Set());
  });
}

const BUILT_IN_SCALARS: ReadonlySet<string> = new Set(specifiedScalarTypes.map((type) => type.name));

function coercesIdempotently(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return BUILT_IN_SCALARS.has(named.name) || IDEMPOTENT_SCALARS.has(named.name);
  if (isEnumType(named)) return named.getValues().every((value) => value.value === value.name);
  if (!isInputObjectType(named)) return false;
  if (seen.has(named.name)) return true;
  seen.add(named.name);
  return Object.values(named.getFields()).every((field) => coercesIdempotently(field.type, seen));
}

/**
 * graphql-jit's errors as graphql-js makes them: its own error class leaves `extensions` undefined (Apollo reads
 * `extensions.code`), and an error it raises itself (a null in a non-null field, a value a scalar refuses) has no
 * `originalError`, where graphql-js wraps a plain Error: the masking treats both as unexpected, as before.
 */
function asGraphqlJsResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  return { ...result, errors: result.errors.map(asGraphqlJsError) };
}

function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const located = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? new Error(error.message) });
  // graphql-js computes locations from nodes; graphql-jit has computed them already.
  if (error.locations) (located as { locations: readonly SourceLocation[] | undefined }).locations = error.locations;
  return located;
}

/**
 * The executor as Apollo Server takes one: through its gateway interface, the one way Apollo Server 5 lets another
 * executor run operations. The schema is fixed (no updates, nothing to stop).
 */
export function compiledGateway(schema: GraphQLSchema, typeResolvers: TypeResolvers): Gateway {
  const executor = new CompiledExecutor(schema, typeResolvers).execute;
  return {
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}
