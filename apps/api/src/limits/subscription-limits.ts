import { ApolloServerErrorCode } from '@apollo/server/errors';
import { getOperationAST, GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../common/errors.js';
import type { ApiLimits } from '../server/config.js';
import { findShapeViolation } from './operation-shape.js';
import { findDepthViolation } from './query-depth.js';

/**
 * The HTTP endpoint's operation limits (shape, tokens, depth, complexity; request-guard.ts and
 * operation-limits.plugin.ts) for operations sent over graphql-ws, checked in its `onSubscribe`. Returns the errors
 * to send back, or undefined to go on. Parse and validation errors carry the codes Apollo gives them over HTTP
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED): a client reads one set of codes whatever the transport.
 */
export function subscriptionLimitErrors(
  schema: GraphQLSchema,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  limits: Pick<ApiLimits, 'maxDepth' | 'maxComplexity' | 'maxTokens' | 'maxAliases' | 'maxRepeatedField' | 'maxFields'>,
): readonly GraphQLError[] | undefined {
  let document;
  try {
    document = parse(payload.query, { maxTokens: limits.maxTokens });
  } catch (error) {
    return [withCode(error instanceof GraphQLError ? error : new GraphQLError(String(error)), ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
  }
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  // The shape first: validation's cost grows quadratically with repeated and aliased fields.
  const badShape = operation ? findShapeViolation(document, operation, limits) : undefined;
  if (badShape) return [new GraphQLError(`query refused before validation: ${badShape.message}`, { extensions: { code: badShape.code } })];
  const invalid = validate(schema, document);
  if (invalid.length > 0) return invalid.map((error) => withCode(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED));
  if (!operation) return undefined; // graphql-ws reports it
  const tooDeep = findDepthViolation(document, operation, limits.maxDepth);
  if (tooDeep) {
    return [
      new GraphQLError(`query is too deep: ${tooDeep.path} is at depth ${tooDeep.depth}; the limit is ${tooDeep.limit}`, {
        extensions: { code: ErrorCode.queryTooDeep, depth: tooDeep.depth, maxDepth: tooDeep.limit },
      }),
    ];
  }
  try {
    const complexity = getComplexity({
      schema,
      query: document,
      operationName: payload.operationName ?? undefined,
      variables: payload.variables ?? {},
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
    if (complexity > limits.maxComplexity) {
      return [
        new GraphQLError(`query is too complex: estimated cost ${complexity}, the limit is ${limits.maxComplexity}`, {
          extensions: { code: ErrorCode.queryTooComplex, complexity, maxComplexity: limits.maxComplexity },
        }),
      ];
    }
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return [new GraphQLError(error.message, { extensions: { code: ErrorCode.badUserInput } })];
  }
  return undefined;
}

/** The same error (message, locations, path) with `extensions.code` set. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...error.extensions, code },
  });
}
