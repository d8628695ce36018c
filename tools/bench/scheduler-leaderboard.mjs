// Every installed scheduler on the same problems: the HEFT paper's random workflows (Topcuoglu, Hariri & Wu 2002,
// §5.1 parameters, a seeded grid), the real traces of ../shared/data/wfinstances/, CPU time at 1,000 and 10,000
// tasks, and the gap to the `exact` optimum on problems of at most 12 tasks. Plugins come from discovery (as the
// server finds them); every schedule goes through runScheduler, so the independent checker judges each one.
// Needs the schedulers built first (`npx nx run-many -t build --exclude web`).
//
// Usage: node tools/bench/scheduler-leaderboard.mjs [--quick] [--parts grid,traces,timing,gap]
//          [--scheduler a,b] [--seed N] [--json FILE] [--svg-dir DIR] [--ga-generations N] [--exact-nodes N]
//   --quick           a smaller grid, one cluster per trace, fewer budgets (minutes on a loaded 2-core machine)
//   --svg-dir DIR     write leaderboard-slr.svg and leaderboard-slr-ccr.svg there (default: docs/images without
//                     --quick, none with it)
// Budgets are counts, not times, so that the results do not depend on the machine's load: a scheduler whose options
// schema has a time option (timeBudgetMs, timeLimitMs) gets that option's maximum and, by name, a work limit
// (generations, nodeLimit); `threads` is set to 1 so that CPU time is one thread's.
import { writeFileSync, readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileProblem, generateCluster, generateWorkflow, Random, runScheduler } from '@hetsched/core';
import { importDax, importWfFormat } from '@hetsched/formats';
import { discoverSchedulerPlugins } from '@hetsched/plugin-registry';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    parts: { type: 'string', default: 'grid,traces,timing,gap' },
    scheduler: { type: 'string' },
    seed: { type: 'string', default: '2002' },
    json: { type: 'string' },
    'svg-dir': { type: 'string' },
    'ga-generations': { type: 'string' },
    'exact-nodes': { type: 'string' },
    traces: { type: 'string', default: join(root, '../shared/data/wfinstances') },
    'from-json': { type: 'string' },
  },
});
/** An earlier run's --json: its tables and plots are printed again, nothing is run. */
const earlier = values['from-json'] ? JSON.parse(readFileSync(values['from-json'], 'utf8')) : null;
const quick = earlier?.quick ?? values.quick;
const seed = earlier?.seed ?? Number(values.seed);

/** The HEFT paper's parameter sets (§5.1); P is the processor count (4-32 here). */
const PAPER = {
  tasks: quick ? [20, 50, 100, 200, 500] : [20, 40, 60, 80, 100, 200, 300, 400, 500, 1000],
  ccr: quick ? [0.1, 1, 10] : [0.1, 0.5, 1, 5, 10],
  shape: [0.5, 1, 2],
  outDegree: [1, 2, 3, 4, 5],
  heterogeneity: [0.1, 0.25, 0.5, 0.75, 1],
  processors: [4, 8, 16, 32],
};
/** Random problems per (task count, CCR) cell. */
const REPETITIONS = quick ? 1 : 2;
/** Work limits of the budget-bound schedulers, by option name. */
const WORK_BUDGETS = {
  generations: Number(values['ga-generations'] ?? (quick ? 10 : 30)),
  nodeLimit: Number(values['exact-nodes'] ?? (quick ? 5_000 : 20_000)),
};
/** Options whose value is a wall-clock budget: set to their maximum, the work limit above ends the run. */
const TIME_OPTIONS = ['timeBudgetMs', 'timeLimitMs'];
/** Task counts of the timing part, and the CPU time above which a scheduler is not run at the next size. */
const TIMING_SIZES = [1_000, 10_000];
const TIMING_PROCESSORS = 16;
/** A scheduler whose time at 1,000 tasks, scaled quadratically, passes this at 10,000 is not run there. */
const TIMING_CAP_MS = quick ? 20_000 : 60_000;
/** Work limits at 10,000 tasks for the budget-bound ones (one GA generation there takes seconds). */
const LARGE_WORK_BUDGETS = { generations: quick ? 1 : 2, nodeLimit: 1_000 };
/** Small problems solved by `exact` with a generous node budget (deterministic, unlike a time limit). */
const GAP = { tasks: [6, 8, 10, 12], processors: [2, 3, 4], ccr: [0.1, 1, 10], perCell: quick ? 1 : 3, nodeLimit: quick ? 500_000 : 5_000_000 };
/** The traces' data are in MB: generated clusters for them get 1 Gbit/s links, and speeds around 1. */
const TRACE_CLUSTER = { bandwidth: 125, speed: [0.5, 1.5], processors: quick ? [8] : [4, 16] };
/** Makespans equal to this many significant digits tie (as the API's and the CLI's rankings). */
const TIE_DIGITS = 12;

const wanted = values.scheduler ? new Set(values.scheduler.split(',')) : null;
const { plugins: discovered, rejected } = await discoverSchedulerPlugins({ root });
for (const r of rejected) console.error(`rejected ${r.packageName}: ${r.code}: ${r.reason}`);
const plugins = discovered.filter((p) => !wanted || wanted.has(p.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
const parts = new Set(values.parts.split(','));
const startedAt = new Date();
const loadAtStart = loadavg();
const cpuStart = process.cpuUsage();
const machine = { cpus: cpus().length, model: cpus()[0]?.model.trim(), node: process.version, loadAtStart };
const results = earlier ?? { startedAt: startedAt.toISOString(), machine, quick, seed, budgets: WORK_BUDGETS, schedulers: plugins.map((p) => p.name) };

/** Options for a run: budget-bound schedulers get count budgets (see the header); the rest their defaults. */
function runOptions(plugin, budgets = WORK_BUDGETS) {
  const properties = plugin.optionsSchema.properties;
  const options = {};
  for (const name of TIME_OPTIONS) if (properties[name]) options[name] = properties[name].maximum;
  for (const [name, value] of Object.entries(budgets)) if (properties[name] && TIME_OPTIONS.some((t) => properties[t])) options[name] = value;
  if (properties.threads) options.threads = 1;
  return options;
}

const budgetBound = (plugin) => TIME_OPTIONS.some((name) => plugin.optionsSchema.properties[name]);

/**
 * One scheduler on one problem through runScheduler (options checked, schedule checked, metrics): makespan, SLR and
 * the CPU milliseconds of the plugin's own `schedule` call (the check is not counted), or the error.
 */
async function runOne({ name, plugin }, problem, budgets) {
  let cpuMs;
  const timed = Object.create(plugin, {
    schedule: {
      async value(...args) {
        const before = process.cpuUsage();
        try {
          return await plugin.schedule(...args);
        } finally {
          const cpu = process.cpuUsage(before);
          cpuMs = (cpu.user + cpu.system) / 1000;
        }
      },
    },
  });
  try {
    const outcome = await runScheduler(timed, problem, runOptions(plugin, budgets));
    return { name, makespan: outcome.makespan, slr: outcome.metrics.slr, cpuMs, info: pickInfo(outcome.info) };
  } catch (error) {
    return { name, error: `${error.name}: ${error.message}`.slice(0, 300), cpuMs };
  }
}

/** What the budget-bound schedulers report that the tables use. */
function pickInfo(info) {
  if (!info) return undefined;
  const kept = {};
  for (const key of ['optimal', 'lowerBound', 'stoppedBy', 'generations', 'nodes']) if (info[key] !== undefined) kept[key] = info[key];
  return Object.keys(kept).length ? kept : undefined;
}

/** Competition ranks (1, 2, 2, 4) by makespan over the runs that succeeded; a failed run has none. */
function rank(runs) {
  const key = (r) => Number(r.makespan.toPrecision(TIE_DIGITS));
  const done = runs.filter((r) => r.makespan !== undefined);
  for (const r of done) r.rank = 1 + done.filter((o) => key(o) < key(r)).length;
  return runs;
}

async function runAll(problem, label) {
  const runs = [];
  for (const entry of plugins) runs.push(await runOne(entry, problem));
  for (const r of runs) if (r.error) console.error(`  ${label}: ${r.name} failed: ${r.error}`);
  return rank(runs);
}

/** The seeded grid: every (task count, CCR) cell with REPETITIONS problems, the other parameters drawn per problem. */
function gridSpecs() {
  const random = new Random(seed);
  const pick = (list) => list[random.int(0, list.length - 1)];
  const specs = [];
  for (const tasks of PAPER.tasks) {
    for (const ccr of PAPER.ccr) {
      for (let rep = 0; rep < REPETITIONS; rep++) {
        specs.push({ tasks, ccr, shape: pick(PAPER.shape), outDegree: pick(PAPER.outDegree), heterogeneity: pick(PAPER.heterogeneity), processors: pick(PAPER.processors), seed: random.int(1, 2 ** 31) });
      }
    }
  }
  return specs;
}

function randomProblem(spec) {
  const workflow = generateWorkflow({ ...spec, processors: spec.processors });
  return compileProblem(workflow, generateCluster({ processors: spec.processors, seed: spec.seed }));
}

async function gridPart() {
  const rows = [];
  const specs = gridSpecs();
  for (const [i, spec] of specs.entries()) {
    const label = `grid ${i + 1}/${specs.length} v=${spec.tasks} ccr=${spec.ccr} P=${spec.processors}`;
    console.error(label);
    rows.push({ spec, runs: await runAll(randomProblem(spec), label) });
  }
  return rows;
}

/** Each trace on the machines it ran on (when two or more) and on generated clusters. */
function traceProblems() {
  const dir = values.traces;
  const files = readdirSync(dir, { recursive: true }).filter((f) => /\.(json|xml)$/.test(f)).sort();
  const problems = [];
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const imported = text.trimStart().startsWith('<') ? importDax(text) : importWfFormat(text);
    const clusters = [];
    if ((imported.cluster?.processors.length ?? 0) >= 2) clusters.push({ label: 'own', cluster: imported.cluster });
    for (const processors of TRACE_CLUSTER.processors) {
      if (quick && clusters.length > 0) break;
      clusters.push({ label: `P=${processors}`, cluster: generateCluster({ processors, seed, speed: TRACE_CLUSTER.speed, bandwidth: TRACE_CLUSTER.bandwidth }) });
    }
    const name = file.replace(/^dax\//, '').replace(/\.(json|xml)$/, '').replace('-chameleon', '').replace(/-001$/, '');
    for (const { label, cluster } of clusters) problems.push({ trace: name, label, tasks: imported.workflow.tasks.length, problem: compileProblem(imported.workflow, cluster) });
  }
  return problems;
}

async function tracesPart() {
  const rows = [];
  for (const { trace, label, tasks, problem } of traceProblems()) {
    const tag = `${trace} (${tasks} tasks) on ${label}`;
    console.error(`trace ${tag}`);
    rows.push({ trace, cluster: label, tasks, processors: problem.processorCount, runs: await runAll(problem, tag) });
  }
  return rows;
}

/**
 * CPU time per scheduler at each size (one run each, CCR 1, after a warm-up run on a small problem that loads what
 * a scheduler loads on first use); one too slow at a size skips the next, except the budget-bound ones, which run
 * with smaller work limits there.
 */
async function timingPart() {
  const rows = plugins.map(({ name }) => ({ name, times: {} }));
  const warmUp = randomProblem({ tasks: 20, ccr: 1, processors: TIMING_PROCESSORS, seed });
  for (const entry of plugins) await runOne(entry, warmUp);
  let previous = null;
  for (const tasks of TIMING_SIZES) {
    const problem = randomProblem({ tasks, ccr: 1, processors: TIMING_PROCESSORS, seed });
    const budgets = tasks > TIMING_SIZES[0] ? LARGE_WORK_BUDGETS : WORK_BUDGETS;
    for (const [i, entry] of plugins.entries()) {
      const before = previous?.[i];
      const predicted = before?.cpuMs !== undefined ? before.cpuMs * (tasks / previous.tasks) ** 2 : 0;
      if (before && !budgetBound(entry.plugin) && (before.cpuMs === undefined || predicted > TIMING_CAP_MS)) {
        rows[i].times[tasks] = { skipped: `predicted ${Math.round(predicted / 1000)} s CPU (quadratic from ${previous.tasks} tasks)` };
        continue;
      }
      console.error(`timing ${entry.name} at ${tasks} tasks`);
      const run = await runOne(entry, problem, budgets);
      rows[i].times[tasks] = run.error ? { error: run.error } : { cpuMs: run.cpuMs, budgetBound: budgetBound(entry.plugin), info: run.info };
    }
    previous = Object.assign(rows.map((r) => r.times[tasks]), { tasks });
  }
  return rows;
}

/** Problems of at most 12 tasks: exact with a generous node budget gives the optimum when it proves it. */
async function gapPart() {
  const exact = plugins.find((p) => p.name === 'exact') ?? discovered.find((p) => p.name === 'exact');
  if (!exact) return { error: 'no exact scheduler installed' };
  const random = new Random(seed + 1);
  const rows = [];
  for (const tasks of GAP.tasks) {
    for (const processors of GAP.processors) {
      for (const ccr of GAP.ccr) {
        for (let k = 0; k < GAP.perCell; k++) {
          const spec = { tasks, processors, ccr, shape: 1, outDegree: random.int(1, 3), heterogeneity: [0.25, 0.5, 1][random.int(0, 2)], seed: random.int(1, 2 ** 31) };
          const problem = randomProblem(spec);
          const optimum = await runOne(exact, problem, { ...WORK_BUDGETS, nodeLimit: GAP.nodeLimit });
          console.error(`gap v=${tasks} P=${processors} ccr=${ccr}: exact ${optimum.makespan} ${optimum.info?.optimal ? 'proven' : 'not proven'}`);
          rows.push({ spec, optimum, runs: await runAll(problem, `gap v=${tasks}`) });
        }
      }
    }
  }
  return rows;
}

// ---- summaries -------------------------------------------------------------------------------------------------

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '-');

/** Per scheduler: mean SLR and mean rank over `rows`, and mean SLR per group (by `groupOf(row)`). */
function summarise(rows, groupOf) {
  const groups = [...new Set(rows.map(groupOf))];
  return plugins.map(({ name }) => {
    const mine = rows.map((row) => ({ row, run: row.runs.find((r) => r.name === name) })).filter((x) => x.run?.makespan !== undefined);
    const byGroup = Object.fromEntries(groups.map((g) => [g, mean(mine.filter((x) => groupOf(x.row) === g).map((x) => x.run.slr))]));
    const heftBeaten = mine.filter((x) => x.run.makespan < x.row.runs.find((r) => r.name === 'heft')?.makespan * (1 - 1e-9)).length;
    return { name, slr: mean(mine.map((x) => x.run.slr)), rank: mean(mine.map((x) => x.run.rank)), byGroup, failed: rows.length - mine.length, heftBeaten, count: mine.length };
  }).sort((a, b) => a.rank - b.rank || a.slr - b.slr);
}

function summaryTable(title, summary, groupTitle, groups) {
  const header = groups.map((g) => (groupTitle ? `${groupTitle} ${g}` : g)).join(' | ');
  const lines = [`\n### ${title}\n`, `| scheduler | mean rank | mean SLR | beats HEFT | ${header} |`];
  lines.push(`|---|---:|---:|---:|${groups.map(() => '---:').join('|')}|`);
  for (const s of summary) {
    const failed = s.failed ? ` (${s.failed} failed)` : '';
    lines.push(`| ${s.name}${failed} | ${fmt(s.rank, 2)} | ${fmt(s.slr)} | ${s.heftBeaten}/${s.count} | ${groups.map((g) => fmt(s.byGroup[g])).join(' | ')} |`);
  }
  return lines.join('\n');
}

function timingTable(rows) {
  const lines = [`\n### CPU time per schedule (ms; one run each, CCR 1, ${TIMING_PROCESSORS} processors)\n`];
  lines.push(`| scheduler | ${TIMING_SIZES.map((n) => `${n} tasks`).join(' | ')} | note |`, `|---|${TIMING_SIZES.map(() => '---:').join('|')}|---|`);
  for (const row of rows) {
    const cells = TIMING_SIZES.map((n) => {
      const t = row.times[n];
      return !t ? '-' : t.skipped ? 'not run' : t.error ? 'failed' : fmt(t.cpuMs, 1);
    });
    const notes = TIMING_SIZES.map((n) => row.times[n]).filter((t) => t?.skipped || t?.error).map((t) => t.skipped ?? t.error.slice(0, 80));
    const plugin = plugins.find((p) => p.name === row.name).plugin;
    if (budgetBound(plugin)) notes.unshift(`budget-bound: ${budgetNote(plugin)}`);
    lines.push(`| ${row.name} | ${cells.join(' | ')} | ${notes.join('; ')} |`);
  }
  return lines.join('\n');
}

/** "generations 30 (2 at 10,000 tasks)": the work limits a budget-bound scheduler ran with. */
function budgetNote(plugin) {
  const small = runOptions(plugin, WORK_BUDGETS);
  const large = runOptions(plugin, LARGE_WORK_BUDGETS);
  const limits = Object.keys(WORK_BUDGETS).filter((name) => small[name] !== undefined);
  return limits.length ? limits.map((name) => `${name} ${small[name]}, ${large[name]} at ${TIMING_SIZES.at(-1)} tasks`).join('; ') : 'its time option';
}

function gapTable(rows) {
  const proven = rows.filter((row) => row.optimum.info?.optimal);
  const lines = [`\n### Gap to the optimum, problems of 6-12 tasks (${proven.length} of ${rows.length} proven optimal by exact with ${GAP.nodeLimit} nodes)\n`];
  lines.push('| scheduler | mean gap | worst gap | optimal on |', '|---|---:|---:|---:|');
  const stats = plugins.map(({ name }) => {
    const gaps = proven
      .map((row) => ({ run: row.runs.find((r) => r.name === name), optimum: row.optimum.makespan }))
      .filter((x) => x.run?.makespan !== undefined)
      .map((x) => x.run.makespan / x.optimum - 1);
    return { name, mean: mean(gaps), worst: Math.max(...gaps), optimal: gaps.filter((g) => g <= 1e-9).length, count: gaps.length };
  });
  for (const s of stats.sort((a, b) => a.mean - b.mean)) lines.push(`| ${s.name} | ${fmt(100 * s.mean, 2)}% | ${fmt(100 * s.worst, 1)}% | ${s.optimal}/${s.count} |`);
  return lines.join('\n');
}

// ---- the plots: plain SVG text ------------------------------------------------------------------------------------

const PLOT = { width: 940, height: 540, left: 60, right: 230, top: 40, bottom: 50 };
/** 25 distinguishable colours (Kelly's list, then a few more); lines also differ in dash for the second dozen. */
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173'];

const escapeXml = (text) => String(text).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** A scheduler whose mean SLR passes this multiple of the median scheduler's is drawn clipped ("off scale"). */
const OFF_SCALE = 2;

/**
 * Mean SLR (y) against the grid's groups (x: task counts or CCRs, evenly spaced), one line per scheduler, the legend
 * in mean-rank order; baselines far above the others are clipped so that the rest stay readable. Returns a
 * standalone SVG document.
 */
function linePlot(summary, groups, { title, xTitle }) {
  const { width, height, left, right, top, bottom } = PLOT;
  const means = summary.map((s) => s.slr).filter(Number.isFinite).sort((a, b) => a - b);
  const offScale = (s) => s.slr > OFF_SCALE * means[Math.floor(means.length / 2)];
  const values = summary.filter((s) => !offScale(s)).flatMap((s) => groups.map((g) => s.byGroup[g])).filter(Number.isFinite);
  const yMin = 1;
  const yMax = Math.ceil(Math.max(...values) * 2) / 2;
  const x = (i) => left + ((width - left - right) * (i + 0.5)) / groups.length;
  const y = (v) => top + (height - top - bottom) * (1 - (v - yMin) / (yMax - yMin));
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`];
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`, `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`);
  parts.push(`<clipPath id="plot"><rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}"/></clipPath>`);
  for (let v = yMin; v <= yMax + 1e-9; v += yMax - yMin > 4 ? 1 : 0.5) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`, `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  groups.forEach((g, i) => parts.push(`<text x="${x(i)}" y="${height - bottom + 16}" text-anchor="middle">${g}</text>`));
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(xTitle)}</text>`);
  parts.push(`<text transform="translate(16 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">mean SLR (lower is better)</text>`);
  parts.push(`<text x="${width - right + 12}" y="${top}">by mean rank (mean SLR)</text>`);
  summary.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const dash = k >= COLOURS.length ? ' stroke-dasharray="5 3"' : '';
    const points = groups.map((g, i) => (Number.isFinite(s.byGroup[g]) ? `${x(i).toFixed(1)},${y(s.byGroup[g]).toFixed(1)}` : null)).filter(Boolean);
    parts.push(`<polyline clip-path="url(#plot)" fill="none" stroke="${colour}" stroke-width="1.5"${dash} points="${points.join(' ')}"><title>${escapeXml(s.name)}</title></polyline>`);
    const ly = top + 18 + k * 17;
    parts.push(`<line x1="${width - right + 12}" x2="${width - right + 36}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"${dash}/>`);
    parts.push(`<text x="${width - right + 42}" y="${ly + 4}">${k + 1}. ${escapeXml(s.name)} (${fmt(s.slr, 2)}${offScale(s) ? ', off scale' : ''})</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

// ---- main -------------------------------------------------------------------------------------------------------

const report = [];
const load = (l) => l.map((x) => x.toFixed(1)).join(' / ');
report.push(`## Scheduler leaderboard${quick ? ' (--quick)' : ''}\n`);
report.push(`Measured ${results.startedAt.slice(0, 16)}Z on ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}; load average at start ${load(results.machine.loadAtStart)} (1 / 5 / 15 min).`);
report.push(`${plugins.length} schedulers; budget-bound ones: ${plugins.filter((p) => budgetBound(p.plugin)).map((p) => `${p.name} (${budgetNote(p.plugin)})`).join(', ') || 'none'}.`);

if (parts.has('grid')) {
  const rows = (results.grid = earlier ? earlier.grid : await gridPart());
  const bySize = summarise(rows, (row) => row.spec.tasks);
  const byCcr = summarise(rows, (row) => row.spec.ccr);
  report.push(`\nRandom workflows (HEFT paper generator): ${rows.length} problems, v ∈ {${PAPER.tasks.join(', ')}}, CCR ∈ {${PAPER.ccr.join(', ')}}, ${REPETITIONS} per cell, α, out-degree, β and P ∈ {${PAPER.processors.join(', ')}} drawn per problem (seed ${seed}). Rank 1 = smallest makespan on a problem; ties share a rank.`);
  report.push(summaryTable('Mean SLR by task count (random workflows)', bySize, 'v =', PAPER.tasks));
  report.push(summaryTable('Mean SLR by CCR (random workflows)', byCcr, 'CCR', PAPER.ccr));
  const dir = values['svg-dir'] ?? (quick ? undefined : join(root, 'docs/images'));
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'leaderboard-slr.svg'), linePlot(bySize, PAPER.tasks, { title: `Mean SLR vs task count, ${rows.length} random workflows (HEFT paper generator)`, xTitle: 'tasks (v)' }));
    writeFileSync(join(dir, 'leaderboard-slr-ccr.svg'), linePlot(byCcr, PAPER.ccr, { title: `Mean SLR vs CCR, ${rows.length} random workflows (HEFT paper generator)`, xTitle: 'communication to computation ratio (CCR)' }));
  }
}
if (parts.has('traces')) {
  const rows = (results.traces = earlier ? earlier.traces : await tracesPart());
  const traces = [...new Set(rows.map((r) => r.trace))];
  report.push(`\nReal traces: ${rows.length} problems (${rows.map((r) => `${r.trace} on ${r.cluster}`).join('; ')}).`);
  report.push(summaryTable('Mean SLR per trace (real workflows)', summarise(rows, (row) => row.trace), '', traces));
}
if (parts.has('timing')) report.push(timingTable((results.timing = earlier ? earlier.timing : await timingPart())));
if (parts.has('gap')) {
  const rows = (results.gap = earlier ? earlier.gap : await gapPart());
  report.push(Array.isArray(rows) ? gapTable(rows) : `\n${rows.error}`);
}
if (!earlier) {
  const cpu = process.cpuUsage(cpuStart);
  Object.assign(results.machine, { cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: (Date.now() - startedAt.getTime()) / 1000, loadAtEnd: loadavg() });
}
const { cpuSeconds, wallSeconds, loadAtEnd } = results.machine;
report.push(`\nTotal CPU ${cpuSeconds.toFixed(0)} s in ${wallSeconds.toFixed(0)} s of wall-clock time; load average at the end ${load(loadAtEnd)}.`);
console.log(report.join('\n'));
if (values.json && !earlier) writeFileSync(values.json, JSON.stringify(results, null, 1));
