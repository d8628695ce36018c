// Our schedulers beside the SAGA library's on the twelve small problems of ../shared/fixtures/saga/ (figures to
// compare with, not a specification: see that folder's README). Every installed scheduler plugin is found by
// discovery, as the server finds them; each schedule goes through runScheduler (options defaulted, result checked).
// Needs `npm run build` first (discovery imports the built plugins).
// Usage: node tools/bench/saga-crosscheck.mjs [--fixtures DIR] [--scheduler a,b] [--markdown] [--json]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileProblem, runScheduler } from '@hetsched/core';
import { discoverSchedulerPlugins } from '@hetsched/plugin-registry';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    fixtures: { type: 'string', default: join(root, '../shared/fixtures/saga') },
    scheduler: { type: 'string' },
    markdown: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

/** Our scheduler name -> SAGA's (SAGA calls Sih & Lee's dynamic level scheduler GDL). */
export const SAGA_NAMES = {
  heft: 'HEFT',
  cpop: 'CPOP',
  peft: 'PEFT',
  etf: 'ETF',
  dls: 'GDL',
  minmin: 'MinMin',
  maxmin: 'MaxMin',
  duplex: 'Duplex',
  mct: 'MCT',
  met: 'MET',
  olb: 'OLB',
  sufferage: 'Sufferage',
  'fastest-node': 'FastestNode',
  fcp: 'FCP',
  flb: 'FLB',
  bil: 'BIL',
  wba: 'WBA',
  mst: 'MST',
  dps: 'DPS',
  hbmct: 'HBMCT',
  msbc: 'MSBC',
};

/** Relative difference under which two makespans count as the same figure (SAGA prints 6 decimals). */
const SAME = 1e-6;

const wanted = values.scheduler ? new Set(values.scheduler.split(',')) : null;
const { plugins } = await discoverSchedulerPlugins({ root });
const chosen = plugins.filter((p) => SAGA_NAMES[p.name] && (!wanted || wanted.has(p.name)));
if (wanted) for (const name of wanted) if (!chosen.some((p) => p.name === name)) console.error(`no installed scheduler "${name}" that SAGA also has (built?)`);

const problems = readdirSync(values.fixtures)
  .filter((d) => existsSync(join(values.fixtures, d, 'saga-results.json')))
  .sort();
const rows = [];
for (const dir of problems) {
  const read = (file) => JSON.parse(readFileSync(join(values.fixtures, dir, file), 'utf8'));
  const results = read('saga-results.json');
  const problem = compileProblem(read('workflow.json'), read('cluster.json'));
  for (const { name, plugin } of chosen) {
    const saga = results.saga[SAGA_NAMES[name]];
    const run = await runScheduler(plugin, problem, {});
    const ours = run.makespan;
    const relative = saga ? (ours - saga.makespan) / saga.makespan : null;
    rows.push({
      problem: dir,
      mode: results.mode,
      scheduler: name,
      ours,
      saga: saga?.makespan ?? null,
      sagaValid: saga?.valid ?? null,
      caveat: saga?.caveat ?? null,
      relative,
      same: relative !== null && Math.abs(relative) <= SAME,
      // The fixture's paper-faithful HEFT (Topcuoglu et al. 2002), which SAGA's own HEFT departs from on some problems.
      paperHeft: results.paperHeftMakespan ?? null,
      info: run.info ?? null,
    });
  }
}

if (values.json) {
  console.log(JSON.stringify(rows, null, 1));
} else {
  const byScheduler = new Map();
  for (const row of rows) byScheduler.set(row.scheduler, [...(byScheduler.get(row.scheduler) ?? []), row]);
  const fmt = (x) => (x === null ? '-' : x.toFixed(2));
  for (const [name, list] of byScheduler) {
    const agree = list.filter((r) => r.same).length;
    const paper = name === 'heft' ? `; same as the paper-faithful HEFT on ${list.filter((r) => r.paperHeft !== null && Math.abs(r.ours - r.paperHeft) <= SAME * r.paperHeft).length}` : '';
    console.log(`\n### ${name} (SAGA ${SAGA_NAMES[name]}): same makespan on ${agree} of ${list.length}${paper}`);
    if (values.markdown) {
      console.log('\n| problem | mode | ours | SAGA | difference | SAGA schedule valid |');
      console.log('|---|---|---:|---:|---:|:--:|');
    }
    for (const r of list) {
      const diff = r.relative === null ? '-' : r.same ? 'same' : `${(r.relative * 100).toFixed(2)}%`;
      const valid = r.sagaValid === null ? '-' : r.sagaValid ? 'yes' : 'NO';
      if (values.markdown) console.log(`| ${r.problem} | ${r.mode} | ${fmt(r.ours)} | ${fmt(r.saga)} | ${diff} | ${valid}${r.caveat ? ` (${r.caveat})` : ''} |`);
      else console.log(`${r.problem.padEnd(8)} ${r.mode.padEnd(9)} ours ${fmt(r.ours).padStart(10)}  saga ${fmt(r.saga).padStart(10)}  ${diff.padStart(8)}  valid ${valid}`);
    }
  }
}
