import type { TrainingExample } from '@hetsched/scheduler-deepsched';

/**
 * One labelled example: a problem and HEFT's schedule of it, with where it came from (`source`, e.g.
 * "generated:17 v=50 ..." or "trace:CyberShake_100.xml ...": enough to regenerate it). `TrainingExample` of
 * @hetsched/scheduler-deepsched under the name this package has always used.
 */
export type LabelledExample = TrainingExample;
