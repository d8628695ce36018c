import {
  compileProblem,
  detachedContext,
  resolveOptions,
  runScheduler,
  validateProblem,
  type Assignment,
  type ResolvedOptions,
  type ScheduleMetrics as CoreMetrics,
  type SchedulerPlugin,
  type SchedulingProblem,
} from '@hetsched/core';
import { renderGanttSvg } from '@hetsched/formats';
import { MODEL_ARTIFACT_KINDS, type RunEngine } from '@hetsched/run-engine';
import { parseInput, throwIfErrors } from '../common/documents.js';
import { BadUserInputError, NotFoundError } from '../common/errors.js';
import { listPage } from '../common/listing.js';
import { pageSize, type PageArgs } from '../common/pagination.js';
import type { SchedulerCatalog } from '../schedulers/scheduler-catalog.js';
import type { Loaders } from '../server/loaders.js';
import type { Logger } from '../server/logger.js';
import type { ApiStore, RunFilter, RunOrder, RunRecord, StorePage } from '../store/api-store.js';
import { OrderDirection, ScheduleRunOrderField, type ScheduleRunFilter, type ScheduleRunOrder } from './schedule-run.input.js';
import type { Assignment as AssignmentType, ProcessorUtilisation } from './schedule-run.type.js';

/** The root of a ScheduleMetrics object: the stored ratios, and what `utilisation` needs to resolve. */
export interface MetricsView extends Omit<CoreMetrics, 'utilisation'> {
  utilisationById: Record<string, number>;
  clusterId: string;
}

/** compareSchedulers runs each scheduler in the request: a bound on the work one request can ask for. */
export const MAX_COMPARED_SCHEDULERS = 8;
export const GANTT_WIDTH = { min: 200, max: 10_000 } as const;

export interface ScheduleRequest {
  workflowId: string;
  clusterId: string;
  selections: readonly { scheduler: string; options?: Record<string, unknown> | null }[];
  /** How the arguments are named in messages: `scheduler`/`options` for scheduleWorkflow, `schedulers[i]...` for compareSchedulers. */
  argumentNames?: (index: number) => { scheduler: string; options: string };
}

interface PreparedRun {
  plugin: SchedulerPlugin;
  options: ResolvedOptions;
}

/**
 * Runs schedulers and reads their history. With a run engine (the servers main.ts starts), a request stores
 * QUEUED runs and queues them; workers execute them (docs/runs.md). Without one (tests, embedding) a run executes
 * inside the request: QUEUED -> RUNNING -> SUCCEEDED/FAILED before the response.
 */
export class RunService {
  constructor(
    private readonly store: ApiStore,
    private readonly catalog: SchedulerCatalog,
    private readonly logger: Logger,
    private readonly engine?: RunEngine,
  ) {}

  /**
   * QUEUED or RUNNING -> CANCELLED; a running run's plugin gets its AbortSignal in whichever worker holds it.
   * BAD_USER_INPUT when the run is already final.
   */
  async cancel(id: string): Promise<RunRecord> {
    if (!this.engine) throw new BadUserInputError('this server runs schedulers inside the request: there is nothing to cancel');
    const existing = await this.engine.store.runs.findRun(id);
    if (existing?.kind === 'TRAINING') throw new BadUserInputError(`run "${id}" is a training run: cancel it with cancelTrainingRun`, [], { field: 'id' });
    const result = await this.engine.cancel(id);
    if (!result.run || result.run.kind !== 'SCHEDULE') throw new NotFoundError('ScheduleRun', id);
    if (!result.updated) {
      throw new BadUserInputError(`run "${id}" is already ${result.run.status}: only QUEUED and RUNNING runs can be cancelled`, [], { field: 'id' });
    }
    const { lastEventSequence: _events, kind: _kind, ...run } = result.run;
    return run;
  }

  async get(id: string, loaders: Loaders): Promise<RunRecord> {
    const run = await loaders.run.load(id);
    if (!run) throw new NotFoundError('ScheduleRun', id);
    return run;
  }

  history(filter: ScheduleRunFilter, orderBy: ScheduleRunOrder | null | undefined, page: PageArgs): Promise<StorePage<RunRecord>> {
    return listPage(() => this.store.runs.history(runFilter(filter), runOrder(orderBy), { first: pageSize(page.first), after: page.after }));
  }

  /**
   * Validates everything first (schedulers, their options, both documents, the pair) so that an invalid request
   * stores nothing; then one run per selection, in order. A scheduler that fails gives a FAILED run, not an error:
   * the request was fine, and the failure belongs in the history.
   */
  async schedule(request: ScheduleRequest): Promise<RunRecord[]> {
    const { selections } = request;
    const names = request.argumentNames ?? (() => ({ scheduler: 'scheduler', options: 'options' }));
    if (selections.length === 0) throw new BadUserInputError('schedulers: give at least one scheduler', [], { field: 'schedulers' });
    if (selections.length > MAX_COMPARED_SCHEDULERS) {
      throw new BadUserInputError(`schedulers: at most ${MAX_COMPARED_SCHEDULERS} per request, got ${selections.length}`, [], { field: 'schedulers' });
    }
    const prepared: PreparedRun[] = [];
    for (const [i, selection] of selections.entries()) {
      const argument = names(i);
      const entry = await this.catalog.find(selection.scheduler);
      if (!entry) {
        const available = (await this.catalog.list()).filter((e) => e.enabled).map((e) => e.plugin.metadata.name);
        throw new BadUserInputError(`${argument.scheduler}: unknown scheduler "${selection.scheduler}"; available: ${available.join(', ') || '(none)'}`, [], {
          field: argument.scheduler,
        });
      }
      if (!entry.enabled) {
        throw new BadUserInputError(`${argument.scheduler}: scheduler "${selection.scheduler}" is disabled`, [], { field: argument.scheduler });
      }
      const options = parseInput(argument.options, () => resolveOptions(entry.plugin.optionsSchema, selection.options ?? {}, '$'));
      await this.checkModel(entry.plugin.metadata.name, options, argument.options);
      prepared.push({ plugin: entry.plugin, options });
    }

    const [workflows, clusters] = await Promise.all([
      this.store.workflows.documents([request.workflowId]),
      this.store.clusters.documents([request.clusterId]),
    ]);
    const workflow = workflows.get(request.workflowId);
    if (!workflow) throw new NotFoundError('Workflow', request.workflowId);
    const cluster = clusters.get(request.clusterId);
    if (!cluster) throw new NotFoundError('Cluster', request.clusterId);
    // Each document was validated when it was stored; what remains is whether they fit together.
    throwIfErrors('workflow on this cluster', validateProblem(workflow, cluster));
    for (const [i, { plugin }] of prepared.entries()) {
      const max = plugin.metadata.capabilities.maxProcessors;
      if (max !== undefined && cluster.processors.length > max) {
        throw new BadUserInputError(
          `${names(i).scheduler}: scheduler "${plugin.metadata.name}" handles at most ${max} processors, the cluster has ${cluster.processors.length}`,
          [],
          { field: names(i).scheduler },
        );
      }
    }
    const runs: RunRecord[] = [];
    if (this.engine) {
      // Queued: a worker compiles and runs the problem (docs/runs.md).
      for (const { plugin, options } of prepared) {
        runs.push(
          await this.engine.submit({
            workflowId: request.workflowId,
            clusterId: request.clusterId,
            scheduler: plugin.metadata.name,
            schedulerVersion: plugin.metadata.version,
            options,
          }),
        );
      }
      return runs;
    }
    const problem = compileProblem(workflow, cluster, { trusted: true });

    for (const run of prepared) runs.push(await this.execute(request, problem, run));
    return runs;
  }

  /**
   * A learned scheduler's `options.model` names a stored model version (or "builtin"): an unknown one is refused
   * now, with nothing stored, rather than failing the run later. Only ids travel; the plugin reads the bytes from
   * the store through context.artifacts.
   */
  private async checkModel(scheduler: string, options: ResolvedOptions, argument: string): Promise<void> {
    if (!Object.values(MODEL_ARTIFACT_KINDS).includes(scheduler)) return;
    const model = options['model'];
    if (typeof model !== 'string' || model === 'builtin') return;
    if (!(await this.store.models.exists(model, scheduler))) {
      throw new BadUserInputError(
        `${argument}.model: no stored model version "${model}" of scheduler "${scheduler}" (list them with the modelVersions query; "builtin" is the shipped model)`,
        [],
        { field: `${argument}.model` },
      );
    }
  }

  private async artifact(kind: string, id: string): Promise<Uint8Array | undefined> {
    const plugin = MODEL_ARTIFACT_KINDS[kind];
    return plugin === undefined ? undefined : ((await this.store.models.data(id, plugin)) ?? undefined);
  }

  private async execute(request: ScheduleRequest, problem: SchedulingProblem, { plugin, options }: PreparedRun): Promise<RunRecord> {
    const queued = await this.store.runs.create({
      workflowId: request.workflowId,
      clusterId: request.clusterId,
      scheduler: plugin.metadata.name,
      schedulerVersion: plugin.metadata.version,
      options,
    });
    await this.store.runs.start(queued.id);
    let result;
    try {
      // The same artifacts a worker serves (stored models by id), read from the store.
      result = await runScheduler(plugin, problem, options, { ...detachedContext(), artifacts: { get: (kind, id) => this.artifact(kind, id) } });
    } catch (error) {
      this.logger.warn({ err: error, runId: queued.id, scheduler: plugin.metadata.name }, 'scheduler failed');
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return this.store.runs.fail(queued.id, message);
    }
    return this.store.runs.complete(queued.id, {
      makespan: result.makespan,
      metrics: result.metrics,
      assignments: result.assignments,
      ...(result.info ? { info: result.info } : {}),
    });
  }

  /** The run's metrics, with what the utilisation resolver needs to order processors as the cluster does. */
  metrics(run: RunRecord): MetricsView | null {
    if (!run.metrics) return null;
    const { utilisation, ...ratios } = run.metrics;
    return { ...ratios, utilisationById: utilisation, clusterId: run.clusterId };
  }

  /** Utilisation per processor in the cluster's order (jsonb keeps object keys in its own order, not ours). */
  async utilisation(metrics: MetricsView, loaders: Loaders): Promise<ProcessorUtilisation[]> {
    const cluster = await loaders.clusterDocument.load(metrics.clusterId);
    const ids = cluster ? cluster.processors.map((p) => p.id) : Object.keys(metrics.utilisationById);
    return ids.filter((id) => id in metrics.utilisationById).map((processor) => ({ processor, utilisation: metrics.utilisationById[processor]! }));
  }

  async assignments(run: RunRecord, loaders: Loaders): Promise<AssignmentType[] | null> {
    if (run.status !== 'SUCCEEDED') return null;
    return (await loaders.runAssignments.load(run.id)) ?? null;
  }

  async ganttSvg(run: RunRecord, options: { title?: string | null; width?: number | null }, loaders: Loaders): Promise<string | null> {
    const width = options.width ?? undefined;
    if (width !== undefined && (width < GANTT_WIDTH.min || width > GANTT_WIDTH.max)) {
      throw new BadUserInputError(`width must be between ${GANTT_WIDTH.min} and ${GANTT_WIDTH.max}, got ${width}`, [], { field: 'width' });
    }
    if (run.status !== 'SUCCEEDED') return null;
    const [assignments, cluster, clusterSummary, workflowSummary] = await Promise.all([
      loaders.runAssignments.load(run.id),
      loaders.clusterDocument.load(run.clusterId),
      loaders.cluster.load(run.clusterId),
      loaders.workflow.load(run.workflowId),
    ]);
    if (!assignments || !cluster) return null;
    const title =
      options.title ??
      `${workflowSummary?.name ?? run.workflowId} on ${clusterSummary?.name ?? run.clusterId}: ${run.scheduler}, makespan ${formatNumber(run.makespan ?? 0)}`;
    return renderGanttSvg(
      { processorIds: cluster.processors.map((p) => p.id), assignments: assignments as Assignment[], title, makespan: run.makespan ?? undefined },
      width !== undefined ? { width } : {},
    );
  }
}

function runFilter(filter: ScheduleRunFilter): RunFilter {
  return {
    ...(filter.workflowId ? { workflowId: filter.workflowId } : {}),
    ...(filter.clusterId ? { clusterId: filter.clusterId } : {}),
    ...(filter.scheduler ? { scheduler: filter.scheduler } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.createdAfter ? { createdAfter: filter.createdAfter } : {}),
    ...(filter.createdBefore ? { createdBefore: filter.createdBefore } : {}),
  };
}

function runOrder(order: ScheduleRunOrder | null | undefined): RunOrder {
  return {
    field: order?.field === ScheduleRunOrderField.MAKESPAN ? 'MAKESPAN' : 'CREATED_AT',
    direction: order?.direction === OrderDirection.ASC ? 'ASC' : 'DESC',
  };
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
