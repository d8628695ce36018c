/** Small hand-worked problems that several core specs derive their expected values from. Test support only. */
import type { Documents } from './naive-schedule.js';

/**
 * a -> c (data 4) and b -> c (no data) on processors p, q with latency 1 and bandwidth 2, so the data of a take
 * 1 + 4 / 2 = 3 to cross and those of b 1. Costs on (p, q): a (2, 3), b (1, 1), c (4, 2). Tasks a, b, c are 0, 1, 2.
 */
export const twoInputs: Documents = {
  workflow: {
    tasks: [
      { id: 'a', costs: { p: 2, q: 3 } },
      { id: 'b', costs: { p: 1, q: 1 } },
      { id: 'c', costs: { p: 4, q: 2 } },
    ],
    edges: [
      { from: 'a', to: 'c', data: 4 },
      { from: 'b', to: 'c' },
    ],
  },
  cluster: { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1, bandwidth: 2 } },
};
