import { join } from 'node:path';
import { compileProblem, runScheduler, ValidationError, type ClusterSpec, type OptionsSchema, type ScheduleOutcome, type SchedulerPlugin, type SchedulingProblem } from '@hetsched/core';
import { renderGanttSvg } from '@hetsched/formats';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, ExitCode } from '../lib/cli-error.js';
import { loadCluster, loadWorkflow, validationFailure, WORKFLOW_FORMATS, type WorkflowFormat } from '../lib/input-files.js';
import { toJson, writeOutput } from '../lib/output.js';
import { jsonObject, nonNegativeInteger } from '../lib/parse-args.js';
import { CliRunHost, INTERRUPTED } from '../lib/run-context.js';
import { schedulerCatalog } from '../lib/schedulers.js';

/** Anytime schedulers default to long searches (10 s each); a comparison gives each this much unless told otherwise. */
export const DEFAULT_BUDGET_MS = 2_000;
/** Options that bound a scheduler's search time, recognised by name in any scheduler's options schema. */
export const BUDGET_OPTIONS = ['timeBudgetMs', 'timeLimitMs'] as const;
/** Makespans equal to this many significant digits tie (the API's ranking does the same). */
const TIE_SIGNIFICANT_DIGITS = 12;

interface CompareFlags {
  workflow: string;
  workflowFormat: WorkflowFormat;
  cluster?: string;
  schedulers: string;
  options: Record<string, Record<string, unknown>>;
  budgetMs: number;
  ganttDir?: string;
  json?: boolean;
  output?: string;
  compact?: boolean;
}

/** One scheduler's outcome: a schedule, or why there is none. */
interface Row {
  scheduler: string;
  status: 'succeeded' | 'failed' | 'skipped' | 'interrupted';
  outcome?: ScheduleOutcome;
  timeMs?: number;
  error?: string;
  /** Filled in by the ranking. */
  rank?: number | null;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('run several (default: all) installed schedulers on one problem and print their ranking by makespan, with SLR, speedup, efficiency and time')
    .requiredOption('-w, --workflow <file>', 'workflow: native JSON, WfCommons WfFormat or Pegasus DAX')
    .option('--workflow-format <format>', `one of ${WORKFLOW_FORMATS.join(', ')}`, 'auto')
    .option('-c, --cluster <file>', 'cluster JSON (default for a WfFormat trace: the machines it ran on)')
    .option('-s, --schedulers <names>', 'comma-separated scheduler names, or "all" (see `hetsched schedulers`)', 'all')
    .option('--options <name=json>', 'options of one scheduler, e.g. \'hybrid-ga={"seed": 3}\' (repeatable)', schedulerOptions, {})
    .option('--budget-ms <ms>', `time budget of every scheduler with a ${BUDGET_OPTIONS.join(' or ')} option, unless --options sets it`, nonNegativeInteger, DEFAULT_BUDGET_MS)
    .option('--gantt-dir <dir>', 'write a Gantt chart per scheduler as <dir>/<scheduler>.svg')
    .option('--json', 'print the ranking as JSON, with each schedule\'s assignments and options')
    .option('-o, --output <file>', 'write the table or JSON to a file instead of stdout')
    .option('--compact', 'with --json: print it on one line')
    .action(async (flags: CompareFlags) => {
      if (!WORKFLOW_FORMATS.includes(flags.workflowFormat)) throw new CliError(`--workflow-format must be one of ${WORKFLOW_FORMATS.join(', ')}`, ExitCode.usage);
      const plugins = await chosenSchedulers(flags.schedulers, Object.keys(flags.options));
      const { problem, title } = loadProblem(flags);
      const rows: Row[] = [];
      for (const plugin of plugins) {
        if (rows.some((row) => row.status === 'interrupted')) rows.push({ scheduler: plugin.metadata.name, status: 'interrupted', error: 'not run: interrupted' });
        else rows.push(await runOne(plugin, problem, runOptions(plugin, flags.options[plugin.metadata.name], flags.budgetMs)));
      }
      const ranked = rankRows(rows);
      writeOutput(flags.output, flags.json ? toJson(jsonReport(ranked, problem), flags.compact) : table(ranked, problem));
      if (flags.ganttDir) writeGantts(flags.ganttDir, ranked, problem, title);
      if (rows.some((row) => row.status === 'interrupted')) process.exitCode = INTERRUPTED;
    });
}

/** `name=json` -> options of that scheduler, collected over repeated flags. */
function schedulerOptions(value: string, previous: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`"${value}" is not <scheduler>=<json object>, e.g. 'hybrid-ga={"seed": 3}'.`);
  const name = value.slice(0, at);
  if (previous[name]) throw new InvalidArgumentError(`options of "${name}" are given twice.`);
  return { ...previous, [name]: jsonObject(value.slice(at + 1)) };
}

/** The schedulers named (in that order), or every installed one by name; unknown names are a usage error. */
async function chosenSchedulers(list: string, withOptions: readonly string[]): Promise<SchedulerPlugin[]> {
  const catalog = await schedulerCatalog();
  const entries = (await catalog.list()).filter((e) => e.enabled);
  const installed = new Map(entries.map((e) => [e.plugin.metadata.name, e.plugin]));
  const names = list.trim() === 'all' ? [...installed.keys()].sort() : list.split(',').map((name) => name.trim());
  const unknown = [...names, ...withOptions].filter((name) => !installed.has(name));
  if (unknown.length) throw new CliError(`unknown scheduler "${unknown[0]}"; available: ${[...installed.keys()].join(', ') || '(none installed)'}`, ExitCode.usage);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new CliError(`--schedulers: "${twice}" is named twice`, ExitCode.usage);
  const ignored = withOptions.find((name) => !names.includes(name));
  if (ignored) throw new CliError(`--options: "${ignored}" is not among --schedulers`, ExitCode.usage);
  if (names.length === 0) throw new CliError('--schedulers: no scheduler is installed', ExitCode.usage);
  return names.map((name) => installed.get(name)!);
}

function loadProblem(flags: CompareFlags): { problem: SchedulingProblem; title: string } {
  const loaded = loadWorkflow(flags.workflow, flags.workflowFormat);
  for (const warning of loaded.warnings) process.stderr.write(`hetsched: warning: ${flags.workflow}: ${warning}\n`);
  const cluster: ClusterSpec | undefined = flags.cluster ? loadCluster(flags.cluster) : loaded.traceCluster;
  if (!cluster) throw new CliError('--cluster <file> is required (this workflow carries no machines of its own)', ExitCode.usage);
  try {
    const problem = compileProblem(loaded.workflow, cluster);
    return { problem, title: `${loaded.workflow.name ?? flags.workflow} on ${cluster.name ?? flags.cluster ?? 'trace machines'}` };
  } catch (error) {
    if (error instanceof ValidationError) throw validationFailure(flags.workflow, error.issues, error);
    throw error;
  }
}

/**
 * A scheduler's options in a comparison: the budget for whichever budget option its schema has (clamped to the
 * option's bounds), a learning scheduler's shipped model, then what the user gave, which wins.
 */
export function runOptions(plugin: SchedulerPlugin, given: Record<string, unknown> | undefined, budgetMs: number): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const name of BUDGET_OPTIONS) {
    const option = plugin.optionsSchema.properties[name];
    if (option && (option.type === 'integer' || option.type === 'number')) options[name] = Math.min(option.maximum ?? Infinity, Math.max(option.minimum ?? -Infinity, budgetMs));
  }
  const artifact = plugin.training?.artifactOption;
  const shipped = artifact?.builtIn?.[0];
  if (artifact && shipped !== undefined && !artifact.builtIn!.includes(String(defaultOf(plugin.optionsSchema, artifact.name)))) options[artifact.name] = shipped;
  return { ...options, ...given };
}

function defaultOf(schema: OptionsSchema, name: string): unknown {
  const option = schema.properties[name];
  return option && 'default' in option ? option.default : undefined;
}

/** Runs one scheduler through runScheduler (options checked, schedule checked); any failure becomes its row. */
async function runOne(plugin: SchedulerPlugin, problem: SchedulingProblem, options: Record<string, unknown>): Promise<Row> {
  const scheduler = plugin.metadata.name;
  const max = plugin.metadata.capabilities.maxProcessors;
  if (max !== undefined && problem.processorCount > max) {
    return { scheduler, status: 'skipped', error: `handles at most ${max} processors, the cluster has ${problem.processorCount}` };
  }
  const host = new CliRunHost(scheduler);
  const started = performance.now();
  try {
    const outcome = await runScheduler(plugin, problem, options, { signal: host.signal, reportProgress: (event) => host.report(event), now: () => performance.now() });
    return { scheduler, status: host.interrupted ? 'interrupted' : 'succeeded', outcome, timeMs: performance.now() - started };
  } catch (error) {
    const message = error instanceof ValidationError ? error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') : String(error instanceof Error ? `${error.name}: ${error.message}` : error);
    return { scheduler, status: host.interrupted ? 'interrupted' : 'failed', error: message, timeMs: performance.now() - started };
  } finally {
    host.close();
  }
}

/**
 * Rows with a schedule by makespan (equal to 12 significant digits: the same rank, then by name), then the others in
 * the order run. Competition ranks: 1, 2, 2, 4. O(r log r).
 */
export function rankRows(rows: readonly Row[]): Row[] {
  const key = (row: Row) => Number(row.outcome!.makespan.toPrecision(TIE_SIGNIFICANT_DIGITS));
  const withSchedule = rows.filter((row) => row.outcome).sort((a, b) => key(a) - key(b) || (a.scheduler < b.scheduler ? -1 : a.scheduler > b.scheduler ? 1 : 0));
  const ranked = withSchedule.map((row, i) => ({ ...row, rank: i + 1 }));
  ranked.forEach((row, i) => {
    if (i > 0 && key(row) === key(ranked[i - 1]!)) row.rank = ranked[i - 1]!.rank;
  });
  return [...ranked, ...rows.filter((row) => !row.outcome).map((row) => ({ ...row, rank: null }))];
}

function jsonReport(rows: readonly Row[], problem: SchedulingProblem) {
  return {
    tasks: problem.taskCount,
    processors: problem.processorCount,
    ranking: rows.map((row) => ({
      rank: row.rank ?? null,
      scheduler: row.scheduler,
      status: row.status,
      makespan: row.outcome?.makespan ?? null,
      slr: row.outcome?.metrics.slr ?? null,
      speedup: row.outcome?.metrics.speedup ?? null,
      efficiency: row.outcome?.metrics.efficiency ?? null,
      timeMs: row.timeMs === undefined ? null : round(row.timeMs, 1),
      ...(row.error ? { error: row.error } : {}),
      ...(row.outcome ? { options: row.outcome.options, assignments: row.outcome.assignments } : {}),
      ...(row.outcome?.info ? { info: row.outcome.info } : {}),
    })),
  };
}

const COLUMNS = ['rank', 'scheduler', 'makespan', 'SLR', 'speedup', 'efficiency', 'time ms'] as const;

/** A plain text table, numbers right-aligned; rows without a schedule say why after the columns. */
function table(rows: readonly Row[], problem: SchedulingProblem): string {
  const cells = rows.map((row) => {
    const m = row.outcome?.metrics;
    const numbers = m ? [show(row.outcome!.makespan), show(m.slr), show(m.speedup), show(m.efficiency)] : ['-', '-', '-', '-'];
    return [row.rank ? String(row.rank) : '-', row.scheduler, ...numbers, row.timeMs === undefined ? '-' : row.timeMs.toFixed(1)];
  });
  const widths = COLUMNS.map((title, c) => Math.max(title.length, ...cells.map((line) => line[c]!.length)));
  const format = (line: readonly string[]) => line.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const lines = [`${problem.taskCount} tasks on ${problem.processorCount} processors`, format(COLUMNS), ...cells.map(format)];
  rows.forEach((row, i) => {
    if (row.error) lines[i + 2] = `${lines[i + 2]}  ${row.status}: ${row.error}`;
  });
  return lines.join('\n');
}

function writeGantts(dir: string, rows: readonly Row[], problem: SchedulingProblem, title: string): void {
  for (const row of rows) {
    if (!row.outcome) continue;
    const svg = renderGanttSvg({ processorIds: problem.processorIds.slice(), assignments: row.outcome.assignments, title: `${title} — ${row.scheduler}`, makespan: row.outcome.makespan });
    writeOutput(join(dir, `${row.scheduler}.svg`), svg);
  }
}

/** Up to 4 decimals, trailing zeros dropped; Infinity (an SLR over a zero critical path) as "inf". */
function show(value: number): string {
  return Number.isFinite(value) ? String(round(value, 4)) : 'inf';
}

function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}
