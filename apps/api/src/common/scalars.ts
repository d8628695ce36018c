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
  serialize: serializeDateTime,
});

/** The ISO text of each Date serialized, with the instant it was made for (a Date can be changed with setTime). */
const isoTexts = new WeakMap<Date, { time: number; text: string }>();

/**
 * graphql-scalars' DateTimeISO serializer, remembering the text of each Date object: a finished run comes from the
 * process's cache of final runs (libs/db) with the same Date objects every time, and a history page formats three
 * per run. A Date whose instant changed since is formatted again; anything else (strings, numbers, invalid Dates)
 * goes to graphql-scalars as before, errors included.
 */
export function serializeDateTime(value: unknown): string {
  if (!(value instanceof Date)) return GraphQLDateTimeISO.serialize(value) as string;
  const time = value.getTime();
  const known = isoTexts.get(value);
  if (known !== undefined && known.time === time) return known.text;
  const text = GraphQLDateTimeISO.serialize(value) as string;
  isoTexts.set(value, { time, text });
  return text;
}
