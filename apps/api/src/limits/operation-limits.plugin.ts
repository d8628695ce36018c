import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../common/errors.js';
import type { ApiContext } from '../common/context.js';
import { OperationCostCache } from './operation-cost-cache.js';
import { findDepthViolation, type DepthViolation } from './query-depth.js';

export interface OperationLimits {
  /** Deepest selection allowed (introspection excepted, see INTROSPECTION_MAX_DEPTH). */
  maxDepth: number;
  /** Highest estimated cost allowed; a field costs 1 unless it declares more, a connection `first` times its items. */
  maxComplexity: number;
}

/**
 * Refuses operations that are too deep or too expensive before anything executes. Both run in
 * `didResolveOperation` (the type-graphql query-complexity example does the same): variables are known there, so
 * `first: $n` is costed with its real value, and errors thrown there keep their own `extensions.code`
 * (validation rules would all be reported as GRAPHQL_VALIDATION_FAILED).
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<ApiContext> {
  // Per parsed operation (see OperationCostCache): the console's history page is checked once, not per request.
  const verdicts = new OperationCostCache<DepthViolation | undefined>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, operationName, schema, contextValue }) {
          contextValue.trace.operationName = operationName;
          if (!operation) return;
          const tooDeep = verdicts.depth(operation, () => findDepthViolation(document, operation, limits.maxDepth));
          if (tooDeep) {
            throw new GraphQLError(`query is too deep: ${tooDeep.path} is at depth ${tooDeep.depth}; the limit is ${tooDeep.limit}`, {
              extensions: { code: ErrorCode.queryTooDeep, depth: tooDeep.depth, maxDepth: tooDeep.limit, http: { status: 400 } },
            });
          }
          let complexity: number;
          const variables = request.variables ?? {};
          try {
            complexity = verdicts.cost(operation, variables, () =>
              getComplexity({
                schema,
                query: document,
                operationName: request.operationName ?? undefined,
                variables,
                estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              }),
            );
          } catch (error) {
            // getComplexity coerces the variables (to cost `first: $n`) and reports their faults first; say what
            // execution would have said. Its node-count guard is a complexity verdict.
            if (!(error instanceof GraphQLError)) throw error;
            const tooMany = /maximum allowed number of nodes/.test(error.message);
            throw new GraphQLError(tooMany ? `query is too complex: ${error.message}` : error.message, {
              nodes: error.nodes,
              extensions: { code: tooMany ? ErrorCode.queryTooComplex : ErrorCode.badUserInput, http: { status: 400 } },
            });
          }
          contextValue.trace.complexity = complexity;
          if (complexity > limits.maxComplexity) {
            throw new GraphQLError(
              `query is too complex: estimated cost ${complexity}, the limit is ${limits.maxComplexity} (ask for smaller pages with \`first\`, or fewer nested fields)`,
              { extensions: { code: ErrorCode.queryTooComplex, complexity, maxComplexity: limits.maxComplexity, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
