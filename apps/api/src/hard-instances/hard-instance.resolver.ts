import { Arg, Ctx, Authorized, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Cluster } from '../clusters/cluster.type.js';
import type { ApiContext } from '../common/context.js';
import { Role } from '../common/role.js';
import { JSONObject } from '../common/scalars.js';
import type { ClusterSummary, Run, WorkflowSummary } from '../store/api-store.js';
import { withoutNulls } from '../training/training.service.js';
import { Workflow } from '../workflows/workflow.type.js';
import { HardInstanceRun } from './hard-instance-run.type.js';
import { HardInstanceOptions } from './hard-instance.input.js';
import type { HardInstanceService } from './hard-instance.service.js';

type HardInstance = Run<'HARD_INSTANCE'>;

@Resolver(() => HardInstanceRun)
export class HardInstanceRunResolver {
  constructor(private readonly hardInstances: HardInstanceService) {}

  @Authorized(Role.READER)
  @Query(() => HardInstanceRun, { description: 'A hard-instance search; NOT_FOUND when there is none with that id (other runs: run, scheduleRun, trainingRun).' })
  hardInstanceRun(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<HardInstance> {
    return this.hardInstances.get(id, context.loaders);
  }

  @Authorized(Role.SUBMITTER)
  @Mutation(() => HardInstanceRun, {
    description:
      'Searches for the problem on which `target` does worst against `baseline` (PISA: simulated annealing over small workflows and ' +
      'clusters, maximising makespan(target) / makespan(baseline)) as a queued run; follow it with runProgress. On success the instance ' +
      'found is stored as a workflow and a cluster (HardInstanceRun.workflow, .cluster). Unknown or disabled schedulers and options out of ' +
      'bounds fail with BAD_USER_INPUT naming the argument or field, and nothing is stored.',
  })
  findHardInstance(
    @Arg('target', () => String, { description: 'The scheduler made to look bad (its makespan is the numerator).' }) target: string,
    @Arg('baseline', () => String, { description: 'The scheduler it is compared with, e.g. "exact" for the optimum.' }) baseline: string,
    @Arg('options', () => HardInstanceOptions, { nullable: true }) options: HardInstanceOptions | null,
  ): Promise<HardInstance> {
    return this.hardInstances.find(target, baseline, withoutNulls(options ?? {}) as Record<string, unknown>);
  }

  @Authorized(Role.SUBMITTER)
  @Mutation(() => HardInstanceRun, {
    description:
      'Cancels a QUEUED or RUNNING hard-instance search: CANCELLED at once, the worker stops it at its next iteration, and nothing is ' +
      'stored (the best ratio so far is in its last progress event). BAD_USER_INPUT when the run is already final.',
  })
  cancelHardInstanceRun(@Arg('id', () => ID) id: string): Promise<HardInstance> {
    return this.hardInstances.cancel(id);
  }

  @FieldResolver(() => String, { description: 'The scheduler made to look bad (the same as `scheduler`).' })
  target(@Root() run: HardInstance): string {
    return run.scheduler;
  }

  @FieldResolver(() => String, { description: 'The scheduler it is compared with.' })
  baseline(@Root() run: HardInstance): string {
    return String(run.options['baseline']);
  }

  @FieldResolver(() => JSONObject, { description: "The search's settings and both schedulers' options, defaults filled in." })
  options(@Root() run: HardInstance): Record<string, unknown> {
    const { baseline: _name, baselineVersion: _version, ...options } = run.options;
    return options;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'makespan(target) / makespan(baseline) on the instance found; null until the run succeeded.' })
  ratio(@Root() run: HardInstance): number | null {
    return this.hardInstances.outcome(run).ratio;
  }

  @FieldResolver(() => Float, { nullable: true, description: "The target's makespan on the instance found." })
  targetMakespan(@Root() run: HardInstance): number | null {
    return this.hardInstances.outcome(run).targetMakespan;
  }

  @FieldResolver(() => Float, { nullable: true, description: "The baseline's makespan on the instance found." })
  baselineMakespan(@Root() run: HardInstance): number | null {
    return this.hardInstances.outcome(run).baselineMakespan;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Instances evaluated.' })
  iterations(@Root() run: HardInstance): number | null {
    return this.hardInstances.outcome(run).iterations;
  }

  @FieldResolver(() => String, { nullable: true, description: '"iterations" (the budget was spent) or "time limit" (the best instance so far).' })
  stoppedBy(@Root() run: HardInstance): string | null {
    return this.hardInstances.outcome(run).stoppedBy;
  }

  @FieldResolver(() => Workflow, { nullable: true, description: 'The workflow found, stored with the success; null before (or once deleted).' })
  workflow(@Root() run: HardInstance, @Ctx() context: ApiContext): Promise<WorkflowSummary | null> {
    return this.hardInstances.workflow(run, context.loaders);
  }

  @FieldResolver(() => Cluster, { nullable: true, description: 'The cluster found, stored with the success; null before (or once deleted).' })
  cluster(@Root() run: HardInstance, @Ctx() context: ApiContext): Promise<ClusterSummary | null> {
    return this.hardInstances.cluster(run, context.loaders);
  }
}
