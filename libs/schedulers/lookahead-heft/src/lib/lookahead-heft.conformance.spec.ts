// The conformance suite is test support (tagged type:testing): a scheduler's specs may use it, its sources may not.
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { lookaheadHeftPlugin } from './lookahead-heft-plugin.js';

// Deterministic, neither progress nor cancellation (under a second at 1,000 tasks): those checks are skipped. The
// suite also refuses out-of-range and ill-typed depths.
describeSchedulerConformance(lookaheadHeftPlugin, { runs: 5, sizes: [1, 10, 50, 300] });
describeSchedulerConformance(lookaheadHeftPlugin, { runs: 3, sizes: [10, 50], options: { depth: 3 } });
