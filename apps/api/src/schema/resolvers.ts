import { ApiTokenResolver } from '../auth/api-token.resolver.js';
import { ClusterResolver } from '../clusters/cluster.resolver.js';
import { HardInstanceRunResolver } from '../hard-instances/hard-instance.resolver.js';
import { RunSubscriptionResolver } from '../runs/run-subscription.resolver.js';
import { ScheduleMetricsResolver, ScheduleRunResolver, WorkflowRunsResolver } from '../runs/schedule-run.resolver.js';
import { SchedulerResolver } from '../schedulers/scheduler.resolver.js';
import { ModelVersionResolver, TrainingRunResolver } from '../training/training.resolver.js';
import { WorkflowResolver } from '../workflows/workflow.resolver.js';

/** Every resolver class of the schema, one per feature. */
export const resolvers = [
  WorkflowResolver,
  ClusterResolver,
  SchedulerResolver,
  ScheduleRunResolver,
  WorkflowRunsResolver,
  ScheduleMetricsResolver,
  RunSubscriptionResolver,
  ApiTokenResolver,
  TrainingRunResolver,
  ModelVersionResolver,
  HardInstanceRunResolver,
] as const;
