// The one-minute tour: schedules the HEFT paper's example and a generated workflow with the built CLI,
// writes their Gantt charts under tmp/tour/ and prints what it did. Run through `npm run tour`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
const out = `${root}tmp/tour/`;
mkdirSync(out, { recursive: true });

function hetsched(...args) {
  const result = spawnSync(process.execPath, [`${root}apps/cli/bin/hetsched.js`, ...args], { encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

const paper = `${shared}fixtures/topcuoglu2002/`;
if (existsSync(paper)) {
  hetsched('schedule', '-w', `${paper}workflow.json`, '-c', `${paper}cluster.json`, '--gantt', `${out}paper.svg`, '-o', `${out}paper.json`);
  const { makespan, metrics } = JSON.parse(readFileSync(`${out}paper.json`, 'utf8'));
  console.log(`HEFT paper example: makespan ${makespan} (the paper's: 80), SLR ${metrics.slr.toFixed(3)}, speedup ${metrics.speedup.toFixed(3)}`);
  console.log(`  schedule: tmp/tour/paper.json   Gantt chart: tmp/tour/paper.svg`);
}

hetsched('generate', 'cluster', '--processors', '8', '--speed', '1,4', '--seed', '1', '-o', `${out}cluster.json`);
hetsched('generate', 'workflow', '--tasks', '1000', '--cluster', `${out}cluster.json`, '--ccr', '5', '--seed', '7', '-o', `${out}workflow.json`);
const started = performance.now();
hetsched('schedule', '-w', `${out}workflow.json`, '-c', `${out}cluster.json`, '--gantt', `${out}random.svg`, '-o', `${out}random.json`);
const { makespan, metrics } = JSON.parse(readFileSync(`${out}random.json`, 'utf8'));
console.log(`Random workflow, 1,000 tasks on 8 processors (CCR 5): makespan ${makespan.toFixed(1)}, SLR ${metrics.slr.toFixed(3)}, ${(performance.now() - started).toFixed(0)} ms including start-up`);
console.log(`  schedule: tmp/tour/random.json   Gantt chart: tmp/tour/random.svg`);
console.log('\nTry `npx hetsched --help` for every command.');
