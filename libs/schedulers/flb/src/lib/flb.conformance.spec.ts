// The conformance suite is test support (tagged type:testing): a scheduler's specs may use it, its sources may not.
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { flbPlugin } from './flb-plugin.js';

// FLB is deterministic and takes no options; it neither reports progress nor can be cancelled (it runs in
// milliseconds), so those checks are skipped.
describeSchedulerConformance(flbPlugin, { runs: 5, sizes: [1, 10, 50, 300] });
