import { resolveOptions, validateProblem, type Assignment, type ResolvedOptions, type ScheduleMetrics as CoreMetrics, type SchedulerPlugin } from '@hetsched/core';
import { renderGanttSvg } from '@hetsched/formats';
import type { SchedulerCatalog } from '@hetsched/plugin-registry';
import type { RunEngine } from '@hetsched/run-engine';
import { parseInput, throwIfErrors } from '../common/documents.js';
import { BadUserInputError, NotFoundError } from '../common/errors.js';
import { enabledScheduler } from '../schedulers/enabled-scheduler.js';
import { listPage } from '../common/listing.js';
import type { Loaders } from '../common/loaders.js';
import type { WorkBudget } from '../common/work-budget.js';
import { pageSize, type PageArgs } from '../common/pagination.js';
import type { ApiStore, Run, RunFilter, RunOrder, StorePage } from '../store/api-store.js';
import { OrderDirection, ScheduleRunOrderField, type ScheduleRunFilter, type ScheduleRunOrder } from './schedule-run.input.js';
import type { Assignment as AssignmentType, ProcessorUtilisation } from './schedule-run.type.js';
import { byName } from './comparison-ranking.js';
import { ValidProblems } from './valid-problems.js';
import { comparisonView, shippedModelDefaults, splitByProcessors, type ArgumentNames, type ComparisonView, type PreparedRun } from './comparison.js';

/** The root of a ScheduleMetrics object: the stored ratios, and what `utilisation` needs to resolve. */
export interface MetricsView extends Omit<CoreMetrics, 'utilisation'> {
  utilisationById: Record<string, number>;
  clusterId: string;
}

/**
 * compareSchedulers queues one run per scheduler: a bound on the work one request can ask for, above the number of
 * schedulers a deployment installs (about 25 ship with hetsched), so that `all: true` is never refused for its size.
 */
export const MAX_COMPARED_SCHEDULERS = 64;
export const GANTT_WIDTH = { min: 200, max: 10_000 } as const;

/** Work units per task of the fields whose cost grows with a run's size: drawing a Gantt bar costs more than reading it. */
const WORK_WEIGHT = { assignments: 1, ganttSvg: 3 } as const;

export interface SchedulerChoice {
  scheduler: string;
  options?: Record<string, unknown> | null;
}

export interface ScheduleRequest {
  workflowId: string;
  clusterId: string;
  selections: readonly SchedulerChoice[];
  /** How the arguments are named in messages: `scheduler`/`options` for scheduleWorkflow, `schedulers[i]...` for compareSchedulers. */
  argumentNames?: (index: number) => ArgumentNames;
}

export interface CompareRequest {
  workflowId: string;
  clusterId: string;
  /** The schedulers to run; with `all`, options for those named (the others run with their defaults). */
  schedulers?: readonly SchedulerChoice[] | null;
  /** Every enabled scheduler. */
  all?: boolean | null;
}

const SINGLE_ARGUMENTS = (): ArgumentNames => ({ scheduler: 'scheduler', options: 'options' });
const COMPARED_ARGUMENTS = (i: number): ArgumentNames => ({ scheduler: `schedulers[${i}].scheduler`, options: `schedulers[${i}].options` });

/**
 * Schedule runs and their history. A request stores QUEUED runs and queues them; workers execute them — the one
 * run lifecycle (docs/runs.md).
 */
export class RunService {
  /** Pairs of documents found valid together (valid-problems.ts): not read nor checked again. */
  private readonly validProblems = new ValidProblems();

  constructor(
    private readonly store: ApiStore,
    private readonly catalog: SchedulerCatalog,
    private readonly engine: RunEngine,
  ) {}

  /**
   * QUEUED or RUNNING -> CANCELLED; a running run's plugin gets its AbortSignal in whichever worker holds it.
   * BAD_USER_INPUT when the run is already final.
   */
  async cancel(id: string): Promise<Run<'SCHEDULE'>> {
    const existing = await this.engine.store.runs.findRun(id);
    if (existing?.kind === 'TRAINING') throw new BadUserInputError(`run "${id}" is a training run: cancel it with cancelTrainingRun`, [], { field: 'id' });
    const result = await this.engine.cancel(id);
    if (!result.run || result.run.kind !== 'SCHEDULE') throw new NotFoundError('ScheduleRun', id);
    if (!result.updated) {
      throw new BadUserInputError(`run "${id}" is already ${result.run.status}: only QUEUED and RUNNING runs can be cancelled`, [], { field: 'id' });
    }
    return result.run;
  }

  /** A schedule run; NOT_FOUND when there is none (or the id is a training run's). */
  async get(id: string, loaders: Loaders): Promise<Run<'SCHEDULE'>> {
    const run = await loaders.run.load(id);
    if (run?.kind !== 'SCHEDULE') throw new NotFoundError('ScheduleRun', id);
    return run;
  }

  /** A run of any kind. */
  async getAny(id: string, loaders: Loaders): Promise<Run> {
    const run = await loaders.run.load(id);
    if (!run) throw new NotFoundError('Run', id);
    return run;
  }

  history(filter: ScheduleRunFilter, orderBy: ScheduleRunOrder | null | undefined, page: PageArgs): Promise<StorePage<Run<'SCHEDULE'>>> {
    return listPage(() => this.store.runs.history(runFilter(filter), runOrder(orderBy), { first: pageSize(page.first), after: page.after }));
  }

  /**
   * Validates everything first (schedulers, their options, both documents, the pair) so that an invalid request
   * stores nothing; then one run per selection, in order. A scheduler that fails gives a FAILED run, not an error:
   * the request was fine, and the failure belongs in the history.
   */
  async schedule(request: ScheduleRequest): Promise<Run<'SCHEDULE'>[]> {
    const prepared = await this.prepareList(request.selections, request.argumentNames ?? SINGLE_ARGUMENTS);
    const processorCount = await this.checkedProcessorCount(request);
    const { skipped } = splitByProcessors(prepared, processorCount);
    if (skipped[0]) throw new BadUserInputError(`${skipped[0].run.argument}: ${skipped[0].reason}`, [], { field: skipped[0].run.argument });
    return this.submit(request, prepared);
  }

  /**
   * compareSchedulers: the runs of a list of schedulers, or of every enabled one (`all`), grouped as a comparison that
   * can be read again (`comparison`) once the workers are done. With `all`, a scheduler whose maxProcessors is below
   * the cluster's size is skipped with the reason; in a list it is an error, as for scheduleWorkflow.
   */
  async compare(request: CompareRequest): Promise<ComparisonView> {
    const all = request.all === true;
    const choices = request.schedulers ?? [];
    if (!all && choices.length === 0) {
      throw new BadUserInputError('schedulers: give at least one scheduler, or all: true for every enabled one', [], { field: 'schedulers' });
    }
    const prepared = all ? await this.prepareAll(choices) : await this.prepareList(choices, COMPARED_ARGUMENTS);
    const processorCount = await this.checkedProcessorCount(request);
    const { runnable, skipped } = splitByProcessors(prepared, processorCount);
    if (!all && skipped[0]) throw new BadUserInputError(`${skipped[0].run.argument}: ${skipped[0].reason}`, [], { field: skipped[0].run.argument });
    if (runnable.length === 0) {
      throw new BadUserInputError(`all: no enabled scheduler handles a cluster of ${processorCount} processors`, [], { field: 'all' });
    }
    const comparison = await this.engine.store.comparisons.create({
      workflowId: request.workflowId,
      clusterId: request.clusterId,
      all,
      skipped: skipped.map(({ run, reason }) => ({ scheduler: run.plugin.metadata.name, reason })),
    });
    return comparisonView(comparison, await this.submit(request, runnable, comparison.id));
  }

  /** A comparison with its runs as they stand now; NOT_FOUND when there is none. */
  async comparison(id: string): Promise<ComparisonView> {
    const record = await this.engine.store.comparisons.findById(id);
    if (!record) throw new NotFoundError('ScheduleComparison', id);
    return comparisonView(record, await this.engine.store.comparisons.runsOf(id));
  }

  /** Each named scheduler known, enabled, with valid options (and an existing model), in the order given. */
  private async prepareList(selections: readonly SchedulerChoice[], names: (index: number) => ArgumentNames): Promise<PreparedRun[]> {
    if (selections.length === 0) throw new BadUserInputError('schedulers: give at least one scheduler', [], { field: 'schedulers' });
    if (selections.length > MAX_COMPARED_SCHEDULERS) {
      throw new BadUserInputError(`schedulers: at most ${MAX_COMPARED_SCHEDULERS} per request, got ${selections.length}`, [], { field: 'schedulers' });
    }
    const prepared: PreparedRun[] = [];
    for (const [i, selection] of selections.entries()) {
      const argument = names(i);
      const entry = await enabledScheduler(this.catalog, selection.scheduler, argument.scheduler);
      prepared.push(await this.prepared(entry.plugin, selection.options ?? {}, argument));
    }
    return prepared;
  }

  /**
   * Every enabled scheduler in name order, each with the options `overrides` gives it, else its defaults (a learning
   * scheduler with its shipped model). An override must name an enabled scheduler, once.
   */
  private async prepareAll(overrides: readonly SchedulerChoice[]): Promise<PreparedRun[]> {
    const given = new Map<string, { options: Record<string, unknown>; index: number }>();
    for (const [i, choice] of overrides.entries()) {
      const argument = COMPARED_ARGUMENTS(i).scheduler;
      await enabledScheduler(this.catalog, choice.scheduler, argument);
      if (given.has(choice.scheduler)) throw new BadUserInputError(`${argument}: "${choice.scheduler}" is given twice`, [], { field: argument });
      given.set(choice.scheduler, { options: choice.options ?? {}, index: i });
    }
    const entries = (await this.catalog.list()).filter((e) => e.enabled).sort((a, b) => byName(a.plugin.metadata.name, b.plugin.metadata.name));
    if (entries.length > MAX_COMPARED_SCHEDULERS) {
      throw new BadUserInputError(`all: ${entries.length} schedulers are enabled, at most ${MAX_COMPARED_SCHEDULERS} per comparison; list the ones to run in schedulers`, [], {
        field: 'all',
      });
    }
    const prepared: PreparedRun[] = [];
    for (const { plugin } of entries) {
      const override = given.get(plugin.metadata.name);
      const argument = override ? COMPARED_ARGUMENTS(override.index) : { scheduler: 'all', options: `all.${plugin.metadata.name}.options` };
      prepared.push(await this.prepared(plugin, override?.options ?? shippedModelDefaults(plugin), argument));
    }
    return prepared;
  }

  private async prepared(plugin: SchedulerPlugin, rawOptions: Record<string, unknown>, argument: ArgumentNames): Promise<PreparedRun> {
    const options = parseInput(argument.options, () => resolveOptions(plugin.optionsSchema, rawOptions, '$'));
    await this.checkModel(plugin, options, argument.options);
    return { plugin, options, argument: argument.scheduler };
  }

  /**
   * The cluster's processor count, once both documents exist and fit together (each was validated when stored).
   * The summaries come first: a pair already found valid (by content hash) is not read, decoded nor checked again.
   */
  private async checkedProcessorCount(request: { workflowId: string; clusterId: string }): Promise<number> {
    const [workflows, clusters] = await Promise.all([this.store.workflows.summaries([request.workflowId]), this.store.clusters.summaries([request.clusterId])]);
    const workflow = workflows.get(request.workflowId);
    if (!workflow) throw new NotFoundError('Workflow', request.workflowId);
    const cluster = clusters.get(request.clusterId);
    if (!cluster) throw new NotFoundError('Cluster', request.clusterId);
    if (this.validProblems.has(workflow.contentHash, cluster.contentHash)) return cluster.processorCount;
    const [workflowDocuments, clusterDocuments] = await Promise.all([
      this.store.workflows.documents([request.workflowId]),
      this.store.clusters.documents([request.clusterId]),
    ]);
    const workflowDocument = workflowDocuments.get(request.workflowId);
    if (!workflowDocument) throw new NotFoundError('Workflow', request.workflowId);
    const clusterDocument = clusterDocuments.get(request.clusterId);
    if (!clusterDocument) throw new NotFoundError('Cluster', request.clusterId);
    throwIfErrors('workflow on this cluster', validateProblem(workflowDocument, clusterDocument));
    this.validProblems.add(workflow.contentHash, cluster.contentHash);
    return clusterDocument.processors.length;
  }

  /**
   * Queued, in order, in one transaction (all or none, one wake-up for the workers): a worker compiles and runs each
   * problem (docs/runs.md).
   */
  private submit(request: { workflowId: string; clusterId: string }, prepared: readonly PreparedRun[], comparisonId?: string): Promise<Run<'SCHEDULE'>[]> {
    return this.engine.submitAll(
      prepared.map(({ plugin, options }, index) => ({
        workflowId: request.workflowId,
        clusterId: request.clusterId,
        scheduler: plugin.metadata.name,
        schedulerVersion: plugin.metadata.version,
        options,
        ...(comparisonId ? { comparison: { id: comparisonId, index } } : {}),
      })),
    );
  }

  /**
   * A learning scheduler's artifact option (its training capability's `artifactOption`, e.g. deepsched's `model`)
   * names a stored model version or one the plugin ships: an unknown one is refused now, with nothing stored,
   * rather than failing the run later. Only ids travel; the plugin reads the bytes through context.artifacts.
   */
  private async checkModel(plugin: SchedulerPlugin, options: ResolvedOptions, argument: string): Promise<void> {
    const option = plugin.training?.artifactOption;
    if (!option) return;
    const model = options[option.name];
    if (typeof model !== 'string' || option.builtIn?.includes(model)) return;
    const scheduler = plugin.metadata.name;
    if (!(await this.store.models.exists(model, scheduler))) {
      const shipped = option.builtIn?.length ? `; shipped with the plugin: ${option.builtIn.map((b) => `"${b}"`).join(', ')}` : '';
      throw new BadUserInputError(`${argument}.${option.name}: no stored model version "${model}" of scheduler "${scheduler}" (list them with the modelVersions query${shipped})`, [], {
        field: `${argument}.${option.name}`,
      });
    }
  }

  /**
   * Charges a field whose cost grows with the run's size to the request's work budget (common/work-budget.ts):
   * its task count, times the field's weight (a Gantt chart is loaded and drawn, assignments only loaded).
   */
  async chargeWork(run: Run<'SCHEDULE'>, field: keyof typeof WORK_WEIGHT, context: { loaders: Loaders; work: WorkBudget }): Promise<void> {
    if (run.status !== 'SUCCEEDED') return;
    const workflow = await context.loaders.runWorkflow.load(run.workflowId);
    context.work.charge((workflow?.taskCount ?? 0) * WORK_WEIGHT[field], `run ${run.id}'s ${field}`);
  }

  /** The run's metrics, with what the utilisation resolver needs to order processors as the cluster does. */
  metrics(run: Run<'SCHEDULE'>): MetricsView | null {
    if (!run.metrics) return null;
    const { utilisation, ...ratios } = run.metrics;
    return { ...ratios, utilisationById: utilisation, clusterId: run.clusterId };
  }

  /** Utilisation per processor in the cluster's order (jsonb keeps object keys in its own order, not ours). */
  async utilisation(metrics: MetricsView, loaders: Loaders): Promise<ProcessorUtilisation[]> {
    const cluster = await loaders.clusterDocument.load(metrics.clusterId);
    const ids = cluster ? cluster.processors.map((p) => p.id) : Object.keys(metrics.utilisationById);
    return ids.filter((id) => Object.hasOwn(metrics.utilisationById, id)).map((processor) => ({ processor, utilisation: metrics.utilisationById[processor]! }));
  }

  async assignments(run: Run<'SCHEDULE'>, loaders: Loaders): Promise<AssignmentType[] | null> {
    if (run.status !== 'SUCCEEDED') return null;
    return (await loaders.runAssignments.load(run.id)) ?? null;
  }

  async ganttSvg(run: Run<'SCHEDULE'>, options: { title?: string | null; width?: number | null }, loaders: Loaders): Promise<string | null> {
    const width = options.width ?? undefined;
    if (width !== undefined && (width < GANTT_WIDTH.min || width > GANTT_WIDTH.max)) {
      throw new BadUserInputError(`width must be between ${GANTT_WIDTH.min} and ${GANTT_WIDTH.max}, got ${width}`, [], { field: 'width' });
    }
    if (run.status !== 'SUCCEEDED') return null;
    const [assignments, cluster, clusterSummary, workflowSummary] = await Promise.all([
      loaders.runAssignments.load(run.id),
      loaders.clusterDocument.load(run.clusterId),
      loaders.runCluster.load(run.clusterId),
      loaders.runWorkflow.load(run.workflowId),
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
