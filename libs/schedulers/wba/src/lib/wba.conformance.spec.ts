// The conformance suite is test support (tagged type:testing): a scheduler's specs may use it, its sources may not.
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { wbaPlugin } from './wba-plugin.js';

// Deterministic for a seed (the suite sets one). The cancellation checks ask for many constructions, so that the run is
// still going when the abort comes.
describeSchedulerConformance(wbaPlugin, { runs: 5, sizes: [1, 10, 50, 300], cancellation: { options: { iterations: 1000 } } });
