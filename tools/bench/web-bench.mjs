// `node tools/bench/web-bench.mjs` (after `npx nx run-many -t build`; needs Chromium: apt-get install -y chromium):
// the web console in headless Chromium against the built API on a fresh database.
//   1. initial JavaScript of the console: the scripts index.html loads (entry + module preloads), raw and gzipped
//      (target < 400 kB gzipped); GraphiQL is a separate page and not counted;
//   2. the run page of a 10,000-task HEFT schedule: from the moment the run's data has arrived (the `response:RunDetail`
//      mark, set when the body is read) to the Gantt chart's first frame, and to the end of the last long task
//      (> 50 ms) after it (target: interactive < 1 s); median of --loads page loads. Wall clock depends on what else
//      the machine runs, so the renderer's main-thread CPU time over the same spans is reported too (thread clock of
//      the user-timing marks in a Chromium trace): the time the page needs on a core of its own;
//   3. panning the Gantt: frame intervals from requestAnimationFrame while the chart is dragged, by pointer events
//      dispatched in each frame (the app's own drag path) and by Playwright's mouse over CDP (target: 60 frames a
//      second), at two zoom levels, with the time the chart's own draw function takes per frame (the cost that
//      decides the frame rate on an idle machine; on a loaded one the intervals also show waiting for a core).
// Usage: node tools/bench/web-bench.mjs [--tasks 10000] [--processors 16] [--loads 5] [--pan-ms 3000] [--json out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../../e2e/web/support/browser.mjs';
import { repoRoot, signIn, startStack } from '../../e2e/web/support/script-stack.mjs';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '10000' },
    processors: { type: 'string', default: '16' },
    loads: { type: 'string', default: '5' },
    'pan-ms': { type: 'string', default: '3000' },
    json: { type: 'string' },
  },
});
const TASKS = Number(values.tasks);
const PROCESSORS = Number(values.processors);
const LOADS = Number(values.loads);
const PAN_MS = Number(values['pan-ms']);
const ADMIN = 'hs_web-bench-admin-token-0123456789abcdef';
const LONG_TASK_MS = 50;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const f = (x, digits = 1) => x.toFixed(digits);

/** The scripts index.html loads before anything runs: its module entry and the chunks it preloads. */
function initialJavaScript() {
  const dist = `${repoRoot}apps/web/dist`;
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  const paths = [...html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  const files = paths.map((path) => {
    const bytes = readFileSync(`${dist}${path}`);
    return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => readFileSync(`${dist}${m[1]}`));
  return {
    files,
    raw: files.reduce((s, x) => s + x.raw, 0),
    gzip: files.reduce((s, x) => s + x.gzip, 0),
    cssGzip: css.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0),
  };
}

async function seedRun(stack) {
  const started = performance.now();
  const { generateWorkflow } = await stack.gql(
    'mutation($input: GenerateWorkflowInput!) { generateWorkflow(input: $input) { workflow { id taskCount edgeCount } cluster { id } } }',
    { input: { tasks: TASKS, seed: 7, ccr: 1, cluster: { processors: PROCESSORS, speedMin: 1, speedMax: 4 } } },
  );
  const { scheduleWorkflow } = await stack.gql('mutation($w: ID!, $c: ID!) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: "heft") { id } }', {
    w: generateWorkflow.workflow.id,
    c: generateWorkflow.cluster.id,
  });
  const status = await stack.waitForRun(scheduleWorkflow.id);
  if (status !== 'SUCCEEDED') throw new Error(`the HEFT run ${status}`);
  return { runId: scheduleWorkflow.id, workflow: generateWorkflow.workflow, seconds: (performance.now() - started) / 1000 };
}

/** Long tasks are only observable from a page's start: collected by an init script on every load. */
const LONG_TASKS = `window.__longTasks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration }); }).observe({ type: 'longtask', buffered: true });`;

/**
 * Runs `work` under a Chromium trace of user-timing marks, whose events carry the main thread's CPU clock (`tts`, µs);
 * `cpuBetween(a, b)` is the CPU time the renderer's main thread spent between the last marks named a and b.
 */
async function withCpuClock(page, work) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (message) => events.push(...message.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'blink.user_timing', transferMode: 'ReportEvents' });
  const result = await work();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const last = (name) => events.filter((e) => e.cat === 'blink.user_timing' && e.name === name && e.tts !== undefined).at(-1);
  return { result, cpuBetween: (a, b) => (last(b).tts - last(a).tts) / 1000 };
}

async function measureLoad(page, origin, runId) {
  const { result, cpuBetween } = await withCpuClock(page, async () => {
    await page.goto(`${origin}/runs/${runId}`);
    await page.getByTestId('gantt').waitFor({ timeout: 60_000 });
    // Let any work queued after the first frame run and be observed.
    await page.waitForTimeout(1500);
    await page.evaluate(() => performance.mark('bench-settled'));
    return wallClock(page);
  });
  return { ...result, firstFrameCpuMs: cpuBetween('response:RunDetail', 'gantt-first-frame'), settledCpuMs: cpuBetween('response:RunDetail', 'bench-settled') };
}

function wallClock(page) {
  return page.evaluate((longTaskMs) => {
    const mark = (name) => performance.getEntriesByName(name).at(-1)?.startTime;
    const response = mark('response:RunDetail');
    const frame = mark('gantt-first-frame');
    const late = window.__longTasks.filter((t) => t.end > response && t.end - t.start > longTaskMs);
    const busyUntil = Math.max(frame, ...late.map((t) => t.end));
    return { firstFrameMs: frame - response, interactiveMs: busyUntil - response, longTasks: late.map((t) => Math.round(t.end - t.start)) };
  }, LONG_TASK_MS);
}

/** Zooms the chart by `factor` about its middle with the wheel (the app's own handler). */
async function zoomTo(page, factor) {
  await page.getByRole('button', { name: 'Fit' }).click();
  const box = await page.getByTestId('gantt').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // One wheel notch of -100 zooms by e^0.2; n notches zoom by e^(0.2 n).
  for (let zoom = 1; zoom * Math.exp(0.2) <= factor * 1.0001; zoom *= Math.exp(0.2)) await page.mouse.wheel(0, -100);
  await page.waitForTimeout(200);
}

/** Frame intervals while pointer events drag the chart, one move per frame, dispatched inside the page. */
async function panInPage(page, durationMs) {
  const { result, cpuBetween } = await withCpuClock(page, () => panInPageFrames(page, durationMs));
  return { ...result, cpuMs: cpuBetween('pan-start', 'pan-end') };
}

async function panInPageFrames(page, durationMs) {
  return page.evaluate(async (duration) => {
    performance.mark('pan-start');
    window.__ganttDrawMs = [];
    const canvas = document.querySelector('[data-testid="gantt"]');
    const rect = canvas.getBoundingClientRect();
    const y = rect.top + rect.height / 2;
    let x = rect.left + rect.width / 2;
    const pointer = (type, clientX) => canvas.dispatchEvent(new PointerEvent(type, { clientX, clientY: y, pointerId: 7, bubbles: true, isPrimary: true, buttons: 1 }));
    pointer('pointerdown', x);
    const stamps = [];
    let direction = -1;
    await new Promise((resolve) => {
      const start = performance.now();
      const step = (now) => {
        stamps.push(now);
        // 12 px a frame, turning around every 40 frames so the window never hits an end of the schedule.
        if (stamps.length % 40 === 0) direction = -direction;
        x += 12 * direction;
        pointer('pointermove', x);
        if (now - start < duration) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    pointer('pointerup', x);
    performance.mark('pan-end');
    return { intervals: stamps.slice(1).map((t, i) => t - stamps[i]), draws: window.__ganttDrawMs };
  }, durationMs);
}

/** Frame intervals while Playwright's mouse drags the chart back and forth (input over CDP, as a user's would come). */
async function panWithMouse(page, durationMs) {
  const { result, cpuBetween } = await withCpuClock(page, () => panWithMouseFrames(page, durationMs));
  return { ...result, cpuMs: cpuBetween('pan-start', 'pan-end') };
}

async function panWithMouseFrames(page, durationMs) {
  const box = await page.getByTestId('gantt').boundingBox();
  const y = box.y + box.height / 2;
  const left = box.x + box.width * 0.3;
  const right = box.x + box.width * 0.7;
  await page.evaluate(() => {
    performance.mark('pan-start');
    window.__ganttDrawMs = [];
    window.__frames = [];
    window.__recording = true;
    const tick = (now) => {
      window.__frames.push(now);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(right, y);
  await page.mouse.down();
  const end = Date.now() + durationMs;
  for (let forward = true; Date.now() < end; forward = !forward) await page.mouse.move(forward ? left : right, y, { steps: 40 });
  await page.mouse.up();
  return page.evaluate(() => {
    window.__recording = false;
    performance.mark('pan-end');
    return { intervals: window.__frames.slice(1).map((t, i) => t - window.__frames[i]), draws: window.__ganttDrawMs };
  });
}

function frameStats({ intervals, draws, cpuMs }) {
  const mean = intervals.reduce((s, x) => s + x, 0) / intervals.length;
  return {
    frames: intervals.length + 1,
    fps: 1000 / mean,
    meanMs: mean,
    p95Ms: percentile(intervals, 95),
    maxMs: Math.max(...intervals),
    over20ms: intervals.filter((x) => x > 20).length,
    draws: draws.length,
    drawMedianMs: median(draws),
    drawP95Ms: percentile(draws, 95),
    // Main-thread CPU per drawn frame: input handling, the draw and everything else the page did while panning.
    cpuPerDrawMs: cpuMs / Math.max(1, draws.length),
  };
}

const js = initialJavaScript();
const stack = await startStack({ adminToken: ADMIN });
const browser = await launchChromium();
const results = { machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), loadBefore: loadavg()[0] }, initialJavaScript: js };
try {
  const seeded = await seedRun(stack);
  results.seed = { tasks: seeded.workflow.taskCount, edges: seeded.workflow.edgeCount, processors: PROCESSORS, seconds: seeded.seconds };
  const page = await browser.context.newPage();
  await page.addInitScript(LONG_TASKS);
  results.chromium = browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  await signIn(page, stack.origin, ADMIN);
  const loads = [];
  for (let i = 0; i < LOADS; i++) loads.push(await measureLoad(page, stack.origin, seeded.runId));
  results.runPage = {
    loads,
    firstFrameMedianMs: median(loads.map((l) => l.firstFrameMs)),
    interactiveMedianMs: median(loads.map((l) => l.interactiveMs)),
    interactiveMaxMs: Math.max(...loads.map((l) => l.interactiveMs)),
    firstFrameCpuMedianMs: median(loads.map((l) => l.firstFrameCpuMs)),
    settledCpuMedianMs: median(loads.map((l) => l.settledCpuMs)),
  };
  results.pan = {};
  for (const zoom of [2, 10]) {
    await zoomTo(page, zoom);
    results.pan[`zoom${zoom}`] = { inPage: frameStats(await panInPage(page, PAN_MS)), mouse: frameStats(await panWithMouse(page, PAN_MS)) };
  }
  results.machine.loadAfter = loadavg()[0];
} finally {
  await browser.close();
  await stack.close();
}

const kB = (bytes) => f(bytes / 1024);
console.log(`\nmachine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGb} GB, load average ${f(results.machine.loadBefore)} before and ${f(results.machine.loadAfter)} after; Chromium ${results.chromium}`);
console.log(`\ninitial JavaScript (index.html: entry + preloads): ${kB(js.raw)} kB raw, ${kB(js.gzip)} kB gzipped (target < 400); CSS ${kB(js.cssGzip)} kB gzipped`);
for (const file of js.files) console.log(`  ${file.path}: ${kB(file.raw)} kB, ${kB(file.gzip)} kB gzipped`);
console.log(`\nrun page, ${results.seed.tasks} tasks (${results.seed.edges} edges) on ${PROCESSORS} processors, ${LOADS} loads:`);
console.log(`  data arrived -> first Gantt frame: median ${f(results.runPage.firstFrameMedianMs)} ms`);
console.log(`  data arrived -> interactive (no long task left): median ${f(results.runPage.interactiveMedianMs)} ms, max ${f(results.runPage.interactiveMaxMs)} ms (target < 1000)`);
console.log(`  long tasks after the data (ms): ${results.runPage.loads.map((l) => `[${l.longTasks.join(', ')}]`).join(' ')}`);
console.log(
  `  main-thread CPU from the data: to the first frame median ${f(results.runPage.firstFrameCpuMedianMs)} ms; all work until idle median ${f(results.runPage.settledCpuMedianMs)} ms`,
);
for (const [zoom, pan] of Object.entries(results.pan)) {
  for (const [how, s] of Object.entries(pan)) {
    console.log(
      `pan at ${zoom} (${how}): ${s.frames} frames, ${f(s.fps)} fps, interval mean ${f(s.meanMs, 2)} ms, p95 ${f(s.p95Ms, 2)} ms, max ${f(s.maxMs)} ms, ${s.over20ms} over 20 ms; draw median ${f(s.drawMedianMs, 2)} ms, p95 ${f(s.drawP95Ms, 2)} ms (${s.draws} draws); main-thread CPU ${f(s.cpuPerDrawMs, 2)} ms per drawn frame`,
    );
  }
}
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
