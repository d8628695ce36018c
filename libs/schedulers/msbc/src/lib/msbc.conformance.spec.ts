// The conformance suite is test support (tagged type:testing): a scheduler's specs may use it, its sources may not.
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { msbcPlugin } from './msbc-plugin.js';

// Deterministic, no options, neither progress nor cancellation (it runs in milliseconds): those checks are skipped.
describeSchedulerConformance(msbcPlugin, { runs: 5, sizes: [1, 10, 50, 300] });
