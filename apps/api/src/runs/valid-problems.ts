import { BoundedCache } from '../common/bounded-cache.js';

/** Problems remembered as valid per process; the oldest is forgotten first (each key is about 130 characters). */
export const MAX_VALID_PROBLEMS = 4_096;

/**
 * The (workflow, cluster) pairs that `validateProblem` found without errors, by the documents' content hashes.
 *
 * Why it is safe to skip the check for a pair found here: stored documents never change, `validateProblem` is a
 * pure function of the two documents, and a content hash (SHA-256 of a canonical form, libs/codec content-hash.ts)
 * is equal only for documents equal up to key order and the sign of zero, neither of which the check looks at
 * (it reads costs by processor id, and compares numbers, where -0 and 0 agree). So scheduling a workflow again on
 * the same cluster, or a copy of it submitted again, skips reading and decoding both documents and the check, which
 * is most of what a 10,000-task `scheduleWorkflow` costs the API. Only valid pairs are kept: a refused one is
 * checked again each time, and reports its errors as before.
 */
export class ValidProblems {
  private readonly keys = new BoundedCache<true>(MAX_VALID_PROBLEMS);

  has(workflowHash: string, clusterHash: string): boolean {
    return this.keys.get(problemKey(workflowHash, clusterHash)) === true;
  }

  add(workflowHash: string, clusterHash: string): void {
    this.keys.set(problemKey(workflowHash, clusterHash), true);
  }

  get size(): number {
    return this.keys.size;
  }
}

/** Hashes are hex: a space cannot occur in one, so two pairs never share a key. */
const problemKey = (workflowHash: string, clusterHash: string) => `${workflowHash} ${clusterHash}`;
