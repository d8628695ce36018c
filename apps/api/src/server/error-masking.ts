import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors.js';
import type { ApiContext } from '../common/context.js';

/**
 * Whether an error was raised on purpose (a GraphQLError: ours, graphql-js's or Apollo's) rather than escaping
 * from a bug or a failing dependency (a plain Error, possibly wrapped by graphql-js with the field's path).
 */
export function isExpectedError(error: unknown): boolean {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current instanceof GraphQLError;
}

/**
 * Apollo's `formatError`: unexpected errors reach the client as INTERNAL_SERVER_ERROR with a fixed message, never
 * their own (which can name tables, hosts or file paths). The details are logged by `errorLoggingPlugin`.
 */
export function maskUnexpectedError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isExpectedError(error)) return formatted;
  return {
    message: 'internal server error; the server log has the details (search for the x-request-id of this response)',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.internal },
  };
}

/** Logs every unexpected error with its stack and the request id; adds the request id to the masked ones. */
export function errorLoggingPlugin(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (isExpectedError(error)) continue;
            let cause: unknown = error;
            while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
            contextValue.logger.error({ err: cause, operationName, path: error.path }, 'unexpected error while serving a GraphQL request');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) =>
            error.extensions?.['code'] === ErrorCode.internal ? { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } } : error,
          );
        },
      };
    },
  };
}
