import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../common/role.js';
import { Cluster } from '../clusters/cluster.type.js';
import type { ClusterService } from '../clusters/cluster.service.js';
import { connectionComplexity, PageArgs } from '../common/pagination.js';
import { JSONObject } from '../common/scalars.js';
import type { ApiContext } from '../common/context.js';
import { Run } from '../common/run.type.js';
import type { ClusterSummary, Run as StoredRun, StorePage, WorkflowSummary } from '../store/api-store.js';
import { Workflow } from '../workflows/workflow.type.js';
import type { WorkflowService } from '../workflows/workflow.service.js';
import { ScheduleRunFilter, ScheduleRunOrder, SchedulerSelection } from './schedule-run.input.js';
import { Assignment, ProcessorUtilisation, ScheduleComparison, ScheduleMetrics, ScheduleRun, ScheduleRunConnection } from './schedule-run.type.js';
import { MAX_COMPARED_SCHEDULERS, type MetricsView, type RunService } from './run.service.js';
import type { ComparisonView } from './comparison.js';

/** Lists of one entry per task: as costly as a document. */
const ASSIGNMENTS_COMPLEXITY = 50;
/** Rendering is CPU work on top of loading the assignments and the cluster. */
const GANTT_COMPLEXITY = 100;

@Resolver(() => ScheduleRun)
export class ScheduleRunResolver {
  constructor(
    private readonly runService: RunService,
    private readonly workflowService: WorkflowService,
    private readonly clusterService: ClusterService,
  ) {}

  @Authorized(Role.READER)
  @Query(() => Run, { description: 'A run of any kind (ScheduleRun or TrainingRun); NOT_FOUND when there is none with that id.' })
  run(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<StoredRun> {
    return this.runService.getAny(id, context.loaders);
  }

  @Authorized(Role.READER)
  @Query(() => ScheduleRun, { description: 'A schedule run; NOT_FOUND when there is none with that id (training runs are trainingRun).' })
  scheduleRun(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<StoredRun<'SCHEDULE'>> {
    return this.runService.get(id, context.loaders);
  }

  @Authorized(Role.READER)
  @Query(() => ScheduleRunConnection, {
    complexity: connectionComplexity,
    description: 'The run history, newest first unless `orderBy` says otherwise; keyset pages through `after`.',
  })
  scheduleRuns(
    @Arg('filter', () => ScheduleRunFilter, { nullable: true }) filter: ScheduleRunFilter | null,
    @Arg('orderBy', () => ScheduleRunOrder, { nullable: true }) orderBy: ScheduleRunOrder | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<StorePage<StoredRun<'SCHEDULE'>>> {
    return this.runService.history(filter ?? {}, orderBy, page);
  }

  @Authorized(Role.SUBMITTER)
  @Mutation(() => ScheduleRun, {
    description:
      'Schedules a stored workflow on a stored cluster: returns the QUEUED run, which a worker executes (follow it with the runProgress ' +
      'subscription or read it with scheduleRun). Invalid requests (unknown ids, scheduler or options) fail with nothing stored; ' +
      'a scheduler that fails gives a FAILED run with its error.',
  })
  scheduleWorkflow(
    @Arg('workflowId', () => ID) workflowId: string,
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('scheduler', () => String, { defaultValue: 'heft' }) scheduler: string,
    @Arg('options', () => JSONObject, { nullable: true }) options: Record<string, unknown> | null,
  ): Promise<StoredRun<'SCHEDULE'>> {
    return this.runService.schedule({ workflowId, clusterId, selections: [{ scheduler, options }] }).then((runs) => runs[0]!);
  }

  @Authorized(Role.SUBMITTER)
  @Mutation(() => ScheduleComparison, {
    description:
      'Runs several schedulers on the same problem, one queued run each, grouped as a comparison (read it again with `comparison(id)`). ' +
      `Give the schedulers, or \`all: true\` for every enabled one (at most ${MAX_COMPARED_SCHEDULERS}); with \`all\`, \`schedulers\` sets the options ` +
      'of those it names and the others run with their defaults (a learning scheduler with its shipped model), and a scheduler whose ' +
      'maxProcessors is below the cluster size is skipped with the reason. Invalid requests fail with nothing stored.',
  })
  compareSchedulers(
    @Arg('workflowId', () => ID) workflowId: string,
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('schedulers', () => [SchedulerSelection], { nullable: true, description: 'The schedulers to run, in order; with `all`, options for those named.' })
    schedulers: SchedulerSelection[] | null,
    @Arg('all', () => Boolean, { defaultValue: false, description: 'Every enabled scheduler, in name order.' }) all: boolean,
  ): Promise<ComparisonView> {
    return this.runService.compare({ workflowId, clusterId, schedulers, all });
  }

  @Authorized(Role.READER)
  @Query(() => ScheduleComparison, { description: 'A comparison (compareSchedulers) with its runs and ranking as they stand now; NOT_FOUND when there is none.' })
  comparison(@Arg('id', () => ID) id: string): Promise<ComparisonView> {
    return this.runService.comparison(id);
  }

  @Authorized(Role.SUBMITTER)
  @Mutation(() => ScheduleRun, {
    description:
      'Cancels a QUEUED or RUNNING run: it ends CANCELLED at once, and a running scheduler is stopped in whichever worker holds it. ' +
      'BAD_USER_INPUT when the run is already final.',
  })
  cancelRun(@Arg('id', () => ID) id: string): Promise<StoredRun<'SCHEDULE'>> {
    return this.runService.cancel(id);
  }

  @FieldResolver(() => Workflow)
  workflow(@Root() run: StoredRun<'SCHEDULE'>, @Ctx() context: ApiContext): WorkflowSummary | Promise<WorkflowSummary> {
    return this.workflowService.ofRun(run.workflowId, context.loaders);
  }

  @FieldResolver(() => Cluster)
  cluster(@Root() run: StoredRun<'SCHEDULE'>, @Ctx() context: ApiContext): ClusterSummary | Promise<ClusterSummary> {
    return this.clusterService.ofRun(run.clusterId, context.loaders);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The trained model a learned scheduler (deepsched) used: "builtin" or a stored ModelVersion id, from the result info (info.modelVersion). ' +
      'Null for other schedulers and until the run succeeded.',
  })
  modelVersion(@Root() run: StoredRun<'SCHEDULE'>): string | null {
    const version = run.info?.['modelVersion'];
    return typeof version === 'string' ? version : null;
  }

  @FieldResolver(() => ScheduleMetrics, { nullable: true, description: 'Null until the run succeeded.' })
  metrics(@Root() run: StoredRun<'SCHEDULE'>): MetricsView | null {
    return this.runService.metrics(run);
  }

  @FieldResolver(() => [Assignment], {
    nullable: true,
    complexity: ASSIGNMENTS_COMPLEXITY,
    description: 'The schedule, ordered by start time; null until the run succeeded.',
  })
  async assignments(@Root() run: StoredRun<'SCHEDULE'>, @Ctx() context: ApiContext): Promise<Assignment[] | null> {
    await this.runService.chargeWork(run, 'assignments', context);
    return this.runService.assignments(run, context.loaders);
  }

  @FieldResolver(() => String, {
    nullable: true,
    complexity: GANTT_COMPLEXITY,
    description: 'A Gantt chart of the schedule as a standalone SVG document; null until the run succeeded.',
  })
  async ganttSvg(
    @Root() run: StoredRun<'SCHEDULE'>,
    @Ctx() context: ApiContext,
    @Arg('title', () => String, { nullable: true, description: 'Default: workflow, cluster, scheduler and makespan.' }) title: string | null,
    @Arg('width', () => Int, { nullable: true, description: 'In pixels (200-10000); default 1000.' }) width: number | null,
  ): Promise<string | null> {
    await this.runService.chargeWork(run, 'ganttSvg', context);
    return this.runService.ganttSvg(run, { title, width }, context.loaders);
  }
}

/** `Workflow.runs` belongs to the runs feature: it is the run history, filtered to one workflow. */
@Resolver(() => Workflow)
export class WorkflowRunsResolver {
  constructor(private readonly runService: RunService) {}

  @FieldResolver(() => ScheduleRunConnection, { complexity: connectionComplexity, description: 'The schedule runs of this workflow.' })
  runs(
    @Root() workflow: WorkflowSummary,
    @Arg('filter', () => ScheduleRunFilter, { nullable: true }) filter: ScheduleRunFilter | null,
    @Arg('orderBy', () => ScheduleRunOrder, { nullable: true }) orderBy: ScheduleRunOrder | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<StorePage<StoredRun<'SCHEDULE'>>> {
    return this.runService.history({ ...filter, workflowId: workflow.id }, orderBy, page);
  }
}

@Resolver(() => ScheduleMetrics)
export class ScheduleMetricsResolver {
  constructor(private readonly runService: RunService) {}

  @FieldResolver(() => [ProcessorUtilisation], { description: 'Busy time / makespan per processor, in the order of the cluster.' })
  utilisation(@Root() metrics: MetricsView, @Ctx() context: ApiContext): Promise<ProcessorUtilisation[]> {
    return this.runService.utilisation(metrics, context.loaders);
  }
}
