// The conformance suite is test support (tagged type:testing): a scheduler's specs may use it, its sources may not.
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { exactPlugin } from './exact-plugin.js';

// A short time limit for the random problems: the 50- and 150-task ones are far beyond a proof and would use
// the whole default budget. The cancellation checks run with the defaults (10 s) and abort early; the
// determinism check is skipped, as declared (a time limit makes the result depend on the machine's speed).
describeSchedulerConformance(exactPlugin, { options: { timeLimitMs: 150 } });
