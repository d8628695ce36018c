import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FinishedRunCache } from './finished-run-cache.js';
import type { Run } from './run-repository.js';

const run = (id: string, status: Run['status'], lastEventSequence = 2): Run =>
  ({ id, kind: 'TRAINING', status, lastEventSequence, scheduler: 's', schedulerVersion: '1', options: {}, createdAt: new Date(0) }) as unknown as Run;

describe('FinishedRunCache', () => {
  it('keeps final runs only, and serves one only at the event sequence it was read with', () => {
    const cache = new FinishedRunCache(10);
    for (const status of ['QUEUED', 'RUNNING'] as const) cache.set(run(status, status));
    expect(cache.size).toBe(0);
    for (const status of ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const) cache.set(run(status, status));
    expect(cache.size).toBe(3);
    expect(cache.get('SUCCEEDED', 2)?.status).toBe('SUCCEEDED');
    // the final event appended after the status: the cached copy is one event behind
    expect(cache.get('SUCCEEDED', 3)).toBeUndefined();
    expect(cache.get('unknown', 2)).toBeUndefined();
  });

  it('drops the oldest run past its capacity, as a naive first-in-first-out list does', () => {
    // Model: an array ordered from oldest to newest set; set moves the id to the end and drops the front while the
    // array is longer than the capacity; get changes nothing.
    const capacity = 4;
    const operation = fc.record({ get: fc.boolean(), id: fc.integer({ min: 0, max: 7 }).map(String) });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const cache = new FinishedRunCache(capacity);
        const model: string[] = [];
        for (const { get, id } of operations) {
          const index = model.indexOf(id);
          if (get) {
            expect(cache.get(id, 2) !== undefined).toBe(index >= 0);
          } else {
            cache.set(run(id, 'SUCCEEDED'));
            if (index >= 0) model.splice(index, 1);
            model.push(id);
            if (model.length > capacity) model.shift();
          }
          expect(cache.size).toBe(model.length);
        }
        for (let id = 0; id < 8; id++) expect(cache.get(String(id), 2) !== undefined).toBe(model.includes(String(id)));
      }),
    );
  });
});
