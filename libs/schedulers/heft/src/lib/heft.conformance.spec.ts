// The conformance suite is test support (a type:lib tagged type:testing); a scheduler's specs may use it while its
// sources may not. Until the root lint config allows that for spec files, this import says so itself.
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { heftPlugin } from './heft-plugin.js';

// HEFT is deterministic and takes no options; it neither reports progress nor can be cancelled (it runs in
// milliseconds), so those checks are skipped. Larger sizes than the default: HEFT is fast.
describeSchedulerConformance(heftPlugin, { runs: 5, sizes: [1, 10, 50, 300] });
