import { randomRestartPlugin, testPlugin } from '../testing/test-plugins.js';
import { describeSchedulerConformance } from './describe-conformance.js';

// The suite passes for a plugin that does everything right, with every capability declared...
describeSchedulerConformance(randomRestartPlugin, {
  runs: 2,
  sizes: [1, 20, 80],
  options: { restarts: 5 },
  // a million restarts on 1000 tasks: only the abort ends this run
  cancellation: { options: { restarts: 1_000_000 } },
});

// ...and for the plainest one, whose capability tests are skipped.
describeSchedulerConformance(testPlugin(), { runs: 1, sizes: [7] });
