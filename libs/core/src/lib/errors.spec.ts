import { describe, expect, it } from 'vitest';
import { formatIssue, ScheduleAbortedError, SchedulerOptionsError, ValidationError, type ValidationIssue } from './errors.js';

const error = (path: string, message: string): ValidationIssue => ({ severity: 'error', path, message });
const warning = (path: string, message: string): ValidationIssue => ({ severity: 'warning', path, message });

describe('errors', () => {
  it('a ValidationError leads with its first error and counts the others, warnings aside', () => {
    const e = new ValidationError([warning('$.a', 'odd'), error('$.b', 'bad'), error('$.c', 'worse'), warning('$.d', 'meh')], 'workflow');
    expect(e.message).toBe('invalid workflow: $.b: bad (and 1 more)');
    expect(e.issues).toHaveLength(4);
    expect(e.name).toBe('ValidationError');
    expect(e).toBeInstanceOf(Error);
  });

  it('falls back to a warning, then to no detail at all', () => {
    expect(new ValidationError([warning('$.x', 'hm')]).message).toBe('invalid input: $.x: hm');
    expect(new ValidationError([]).message).toBe('invalid input');
  });

  it('keeps a cause', () => {
    const cause = new Error('root');
    expect(new ValidationError([], 'x', { cause }).cause).toBe(cause);
  });

  it('SchedulerOptionsError is a ValidationError with its own name; ScheduleAbortedError has a default message', () => {
    const e = new SchedulerOptionsError([error('options.x', 'nope')], 'options');
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.name).toBe('SchedulerOptionsError');
    expect(new ScheduleAbortedError().message).toBe('scheduling was cancelled');
    expect(new ScheduleAbortedError().name).toBe('ScheduleAbortedError');
  });

  it('formatIssue is "path: message"', () => {
    expect(formatIssue(error('$.tasks[0]', 'broken'))).toBe('$.tasks[0]: broken');
  });
});
