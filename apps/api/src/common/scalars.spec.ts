import fc from 'fast-check';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { describe, expect, it } from 'vitest';
import { DateTime, serializeDateTime } from './scalars.js';

// The reference is graphql-scalars' DateTimeISO serializer, which the remembered texts must always agree with.
const reference = (value: unknown) => GraphQLDateTimeISO.serialize(value) as string;
const outcome = (serialize: (value: unknown) => string, value: unknown) => {
  try {
    return { text: serialize(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('DateTime', () => {
  it('is the serializer the schema uses', () => {
    expect(DateTime.serialize).toBe(serializeDateTime);
  });

  it('serializes as graphql-scalars does, Dates asked again included', () => {
    const instant = fc.integer({ min: -8.64e15, max: 8.64e15 });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 5 }), (times) => {
        const dates = times.map((time) => new Date(time));
        for (const date of [...dates, ...dates]) expect(serializeDateTime(date)).toBe(reference(date));
      }),
    );
  });

  it('formats a Date again once its instant changed', () => {
    const date = new Date(Date.UTC(2026, 0, 31, 12));
    expect(serializeDateTime(date)).toBe('2026-01-31T12:00:00.000Z');
    date.setTime(Date.UTC(2026, 1, 1, 0, 0, 0, 5));
    expect(serializeDateTime(date)).toBe('2026-02-01T00:00:00.005Z');
  });

  it('answers strings, numbers, invalid Dates and other values exactly as graphql-scalars does', () => {
    const invalid = new Date(Number.NaN);
    for (const value of ['2026-01-31T12:00:00Z', 'not a date', 0, invalid, invalid, {}, null, true]) {
      expect(outcome(serializeDateTime, value)).toEqual(outcome(reference, value));
    }
  });
});
