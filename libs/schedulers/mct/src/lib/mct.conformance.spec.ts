// The conformance suite is test support (tagged type:testing): a scheduler's specs may use it, its sources may not.
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { mctPlugin } from './mct-plugin.js';

// Deterministic, neither progress nor cancellation (it runs in milliseconds): those checks are skipped. The random
// problems run with insertion on; the defaults check runs it off.
describeSchedulerConformance(mctPlugin, { runs: 5, sizes: [1, 10, 50, 300], options: { insertion: true } });
