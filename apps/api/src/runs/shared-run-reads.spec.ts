import { describe, expect, it } from 'vitest';
import type { Run } from '../store/api-store.js';
import { SharedRunReads } from './shared-run-reads.js';

/** A reader that counts its reads and answers a stand-in run (only its id matters here). */
function countingReader(fail = false) {
  const reads: string[] = [];
  const read = async (id: string) => {
    reads.push(id);
    if (fail && reads.length === 1) throw new Error('database down');
    return { id } as unknown as Run<'SCHEDULE'>;
  };
  return { reads, read };
}

describe('SharedRunReads', () => {
  it('reads a run once per status change for any number of subscribers, and again for the next change', async () => {
    const { reads, read } = countingReader();
    const shared = new SharedRunReads(read);
    const runs = await Promise.all(Array.from({ length: 1_000 }, () => shared.get('r1', 3, 0)));
    expect(reads).toEqual(['r1']);
    expect(new Set(runs).size).toBe(1);
    await shared.get('r1', 4, 10); // the run's next change
    await shared.get('r2', 3, 10);
    expect(reads).toEqual(['r1', 'r1', 'r2']);
  });

  it('reads again once the shared read is older than 5 s (a fake clock)', async () => {
    const { reads, read } = countingReader();
    const shared = new SharedRunReads(read);
    await shared.get('r1', 1, 0);
    await shared.get('r1', 1, 4_999);
    await shared.get('r1', 1, 5_000);
    expect(reads).toEqual(['r1', 'r1']);
  });

  it('does not share a failed read: the next subscriber tries again', async () => {
    const { reads, read } = countingReader(true);
    const shared = new SharedRunReads(read);
    await expect(shared.get('r1', 1, 0)).rejects.toThrow('database down');
    await expect(shared.get('r1', 1, 1)).resolves.toMatchObject({ id: 'r1' });
    expect(reads).toEqual(['r1', 'r1']);
  });
});
