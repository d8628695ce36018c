import { compileProblem, generateCluster, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { DEFAULT_TRACE_BANDWIDTH_BYTES_PER_SECOND } from '@hetsched/formats';
import {
  exampleSeed,
  generatedRecipes,
  heftSchedule,
  makeGeneratedExample,
  type GeneratedExample,
  type GeneratedRecipe,
} from '@hetsched/scheduler-deepsched';
import { resolveDatasetSpec, type DatasetSpec } from './dataset-spec.js';
import { listTraceFiles, loadTrace, type LoadedTrace } from './traces.js';

// The generated examples are made by @hetsched/scheduler-deepsched (the same recipes its training capability
// trains on); this module adds the real traces, each on its own machines and on generated clusters.
export { exampleSeed, type GeneratedExample } from '@hetsched/scheduler-deepsched';

/** Trace data are in MB (the importers' default unit); the clusters traces run on get a 1 Gbit/s network. */
const TRACE_BANDWIDTH_MB_PER_SECOND = DEFAULT_TRACE_BANDWIDTH_BYTES_PER_SECOND / 1e6;
/** Speeds of the generated clusters traces are put on: their heterogeneity comes from the processors. */
const TRACE_SPEEDS: [number, number] = [0.5, 1.5];

/** How one example is made: enough to make it again without the others. */
export type ExampleRecipe = GeneratedRecipe | { kind: 'trace'; index: number; file: string; cluster: 'trace' | { processors: number; seed: number } };

/** Every example's recipe, in dataset order: the generated ones, then each trace on each of its clusters. */
export function exampleRecipes(spec: DatasetSpec, traces = new TraceCache(spec.tracesDir)): ExampleRecipe[] {
  const resolved = resolveDatasetSpec(spec);
  const recipes: ExampleRecipe[] = generatedRecipes(resolved.seed, resolved.generated);
  if (resolved.tracesDir !== undefined) {
    for (const file of listTraceFiles(resolved.tracesDir)) {
      // A trace is put on the machines it ran on when it records two or more (one machine leaves nothing to choose).
      if ((traces.get(file).cluster?.processors.length ?? 0) >= 2) recipes.push({ kind: 'trace', index: recipes.length, file, cluster: 'trace' });
      for (const processors of resolved.traceProcessorCounts) {
        const index = recipes.length;
        recipes.push({ kind: 'trace', index, file, cluster: { processors, seed: exampleSeed(resolved.seed, index) } });
      }
    }
  }
  return recipes;
}

/** Makes the examples one at a time (a dataset of thousands need not sit in memory as problems). */
export function* iterateExamples(spec: DatasetSpec): Generator<GeneratedExample> {
  const traces = new TraceCache(spec.tracesDir);
  for (const recipe of exampleRecipes(spec, traces)) yield makeExample(recipe, traces);
}

/** All examples of a spec, HEFT-labelled. Deterministic: the same spec gives the same examples. */
export function generateExamples(spec: DatasetSpec): GeneratedExample[] {
  return [...iterateExamples(spec)];
}

/** Example `index` of a spec, made alone (the same as `generateExamples(spec)[index]`). */
export function generateExample(spec: DatasetSpec, index: number): GeneratedExample {
  const traces = new TraceCache(spec.tracesDir);
  const recipes = exampleRecipes(spec, traces);
  const recipe = recipes[index];
  if (!recipe) throw new RangeError(`example index ${index} is out of range: the spec makes ${recipes.length} examples`);
  return makeExample(recipe, traces);
}

/** The documents of a recipe, compiled and labelled with HEFT's schedule. */
export function makeExample(recipe: ExampleRecipe, traces: TraceCache): GeneratedExample {
  if (recipe.kind === 'generated') return makeGeneratedExample(recipe);
  const { workflow, cluster, source } = traceDocuments(recipe, traces.get(recipe.file));
  const problem = compileProblem(workflow, cluster);
  return { problem, target: heftSchedule(problem), source, workflow, cluster };
}

function traceDocuments(r: Extract<ExampleRecipe, { kind: 'trace' }>, trace: LoadedTrace): { workflow: WorkflowSpec; cluster: ClusterSpec; source: string } {
  if (r.cluster === 'trace') {
    if (!trace.cluster) throw new Error(`trace ${r.file} records no machines`);
    return { workflow: trace.workflow, cluster: trace.cluster, source: `trace:${r.file} on its ${trace.cluster.processors.length} machines` };
  }
  const cluster = generateCluster({ processors: r.cluster.processors, seed: r.cluster.seed, speed: TRACE_SPEEDS, bandwidth: TRACE_BANDWIDTH_MB_PER_SECOND });
  return { workflow: trace.workflow, cluster, source: `trace:${r.file} on ${r.cluster.processors} generated processors seed=${r.cluster.seed}` };
}

/** Parses each trace file once per dataset (a handful of files of a few MB each). */
export class TraceCache {
  private readonly loaded = new Map<string, LoadedTrace>();
  constructor(private readonly dir: string | undefined) {}

  get(file: string): LoadedTrace {
    if (this.dir === undefined) throw new Error(`trace ${file}: the spec names no tracesDir`);
    let trace = this.loaded.get(file);
    if (!trace) {
      trace = loadTrace(this.dir, file);
      this.loaded.set(file, trace);
    }
    return trace;
  }
}
