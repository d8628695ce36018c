// The conformance suite is test support (tagged type:testing): a scheduler's specs may use it, its sources may not.
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { peftPlugin } from './peft-plugin.js';

// Deterministic, neither progress nor cancellation (it runs in milliseconds): those checks are skipped. The suite
// also runs the defaults and refuses an ill-typed `communication`.
describeSchedulerConformance(peftPlugin, { runs: 5, sizes: [1, 10, 50, 300] });
describeSchedulerConformance(peftPlugin, { runs: 3, sizes: [10, 50], options: { communication: 'link' } });
