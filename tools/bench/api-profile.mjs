// `node tools/bench/api-profile.mjs DIR [--top 40] [--all]`: summarises the newest .cpuprofile in DIR (written by
// `node --cpu-prof`, e.g. the API under `npm run bench:api -- --profile DIR`) by self time per function, self time
// per module (an npm package, or a file of ours), and the time each module and function spends on the stack
// (inclusive). When DIR
// has the bench's window.json ({ fromMs, toMs } after the process started), only the samples of that window count
// (the history-page load, not start-up); --all counts every sample.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '40' }, all: { type: 'boolean', default: false } } });
const dir = positionals[0];
if (!dir) {
  console.error('usage: node tools/bench/api-profile.mjs DIR [--top 40] [--all]');
  process.exit(2);
}
const top = Number(values.top);
const profiles = [];
for (const name of await readdir(dir)) if (name.endsWith('.cpuprofile')) profiles.push({ name, mtime: (await stat(join(dir, name))).mtimeMs });
if (profiles.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
profiles.sort((a, b) => b.mtime - a.mtime);
const profile = JSON.parse(await readFile(join(dir, profiles[0].name), 'utf8'));
const window = values.all ? null : await readFile(join(dir, 'window.json'), 'utf8').then(JSON.parse, () => null);

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** The module of a frame: `pkg` for node_modules/pkg (or @scope/pkg), the path under the repo for ours, node: internals. */
function moduleOf(url) {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node:internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const ours = /\/(apps|libs)\/(.+)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2].replace(/\/dist\//, '/')}` : url.replace(/^file:\/\//, '');
}
const frameName = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${moduleOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
};

const selfByFrame = new Map();
const selfByModule = new Map();
const onStackByModule = new Map();
const onStackByFrame = new Map();
let total = 0;
let elapsed = 0;
const add = (map, key, t) => map.set(key, (map.get(key) ?? 0) + t);
for (let i = 0; i < profile.samples.length; i++) {
  elapsed += profile.timeDeltas[i];
  const at = elapsed / 1000;
  if (window && (at < window.fromMs || at > window.toMs)) continue;
  // A sample stands for the time until the next one.
  const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]) / 1000;
  const node = nodes.get(profile.samples[i]);
  total += dt;
  add(selfByFrame, frameName(node), dt);
  add(selfByModule, node.callFrame.url ? moduleOf(node.callFrame.url) : node.callFrame.functionName, dt);
  const seen = new Set();
  const seenFrames = new Set();
  for (let id = node.id; id !== undefined; id = parent.get(id)) {
    const name = frameName(nodes.get(id));
    if (!seenFrames.has(name)) {
      seenFrames.add(name);
      add(onStackByFrame, name, dt);
    }
    const frame = nodes.get(id).callFrame;
    if (!frame.url) continue;
    const module = moduleOf(frame.url);
    if (!seen.has(module)) {
      seen.add(module);
      add(onStackByModule, module, dt);
    }
  }
}

const idle = selfByModule.get('(idle)') ?? 0;
for (const map of [selfByFrame, selfByModule]) for (const key of [...map.keys()]) if (key.startsWith('(idle)')) map.delete(key);
const busy = total - idle;
const table = (title, map, denominator, n = top) => {
  console.log(`\n### ${title}\n\n| ms | % of busy | |\n|---:|---:|---|`);
  for (const [key, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`| ${t.toFixed(0)} | ${((100 * t) / denominator).toFixed(1)} | ${key} |`);
};
console.log(`# ${profiles[0].name}: ${(total / 1000).toFixed(2)} s sampled${window ? ` (window ${window.fromMs.toFixed(0)}-${window.toMs.toFixed(0)} ms after start)` : ''}, busy ${(busy / 1000).toFixed(2)} s (${((100 * busy) / total).toFixed(0)}%)`);
table('Self time by function', selfByFrame, busy);
table('Self time by module', selfByModule, busy, 25);
table('Time on the stack by module (inclusive)', onStackByModule, busy, 25);
table('Time on the stack by function (inclusive)', onStackByFrame, busy);
