// `npm run bench`: HEFT on random workflows of 1,000, 10,000 and 100,000 tasks on 8 and 64 processors.
// Each case runs in a fresh Node process (peak memory per case). Needs `npm run build` first.
// Usage: node tools/bench/heft-bench.mjs [--quick] [--check]
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const check = process.argv.includes('--check');
const sizes = quick ? [1000, 10000] : [1000, 10000, 100000];
const processorCounts = [8, 64];
const caseScript = fileURLToPath(new URL('./heft-case.mjs', import.meta.url));

console.log(`# HEFT benchmark — ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log('| tasks | processors | edges | generate s | compile s | HEFT s (best) | HEFT s (median) | peak RSS MB | valid |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|:--:|');
for (const tasks of sizes) {
  for (const processors of processorCounts) {
    const args = [caseScript, '--tasks', String(tasks), '--processors', String(processors), '--repeat', tasks >= 100000 ? '2' : '5'];
    if (check) args.push('--check');
    const out = execFileSync(process.execPath, ['--max-old-space-size=4096', ...args], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop());
    const f = (x) => x.toFixed(3);
    console.log(
      `| ${r.tasks} | ${r.processors} | ${r.edges} | ${f(r.generateSeconds)} | ${f(r.compileSeconds)} | ${f(r.heftSecondsBest)} | ${f(r.heftSecondsMedian)} | ${r.peakRssMb.toFixed(0)} | ${r.valid === null ? '-' : r.valid ? 'yes' : 'NO'} |`,
    );
  }
}
