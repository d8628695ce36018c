// The scalars of the schema, from graphql-scalars (1.x: the line that type-graphql 2.0.0-rc.4 accepts).
// Re-exported from one place so every feature names them the same way.
import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

export { GraphQLJSONObject as JSONObject } from 'graphql-scalars';

/**
 * An instant as an RFC 3339 string in UTC with milliseconds (`2026-01-31T12:00:00.000Z`): graphql-scalars'
 * DateTimeISO behaviour under the conventional name `DateTime` (its own `DateTime` serializes to a Date object).
 */
export const DateTime = new GraphQLScalarType({
  ...GraphQLDateTimeISO.toConfig(),
  name: 'DateTime',
  description: 'An instant as an RFC 3339 date-time string in UTC, e.g. 2026-01-31T12:00:00.000Z.',
});
