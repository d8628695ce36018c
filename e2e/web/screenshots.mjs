// `node e2e/web/screenshots.mjs` (after `npx nx run-many -t build`; needs Chromium: apt-get install -y chromium):
// fills a fresh database through the API (the paper example, generated workflows, a DAX and a WfFormat trace, HEFT,
// GA and comparison runs) and saves the console's main pages as PNGs in docs/images/ for the README.
// Usage: node e2e/web/screenshots.mjs [--out docs/images]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './support/browser.mjs';
import { repoRoot, signIn, startStack } from './support/script-stack.mjs';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/images' } } });
const out = join(repoRoot, values.out);
const ADMIN = 'hs_screenshots-admin-token-0123456789abcdef';
const shared = join(repoRoot, '../shared');
const WIDTH = 1360;
const HEIGHT = 860;

const SUBMIT = 'mutation($input: SubmitWorkflowInput!) { submitWorkflow(input: $input) { workflow { id } traceCluster { id } } }';
const GENERATE = 'mutation($input: GenerateWorkflowInput!) { generateWorkflow(input: $input) { workflow { id } cluster { id } } }';
const SCHEDULE = 'mutation($w: ID!, $c: ID!, $s: String!, $o: JSONObject) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: $s, options: $o) { id } }';
const COMPARE = 'mutation($w: ID!, $c: ID!, $s: [SchedulerSelection!]!) { compareSchedulers(workflowId: $w, clusterId: $c, schedulers: $s) { runs { id } } }';

/** The stored example data: returns the ids the pages need. */
async function seed(stack) {
  const text = (path) => readFile(path, 'utf8');
  const paper = (await stack.gql(SUBMIT, { input: { document: await text(`${shared}/fixtures/topcuoglu2002/workflow.json`), tags: ['paper'] } })).submitWorkflow;
  const paperCluster = (await stack.gql('mutation($d: String!) { createCluster(input: { document: $d, tags: ["paper"] }) { id } }', { d: await text(`${shared}/fixtures/topcuoglu2002/cluster.json`) }))
    .createCluster;
  const dax = `${shared}/data/wfinstances/dax/CyberShake_100.xml`;
  if (existsSync(dax)) await stack.gql(SUBMIT, { input: { document: await text(dax), format: 'DAX', tags: ['dax', 'cybershake'] } });
  const trace = `${shared}/data/wfinstances/montage-chameleon-2mass-01d-001.json`;
  if (existsSync(trace)) await stack.gql(SUBMIT, { input: { document: await text(trace), format: 'WFFORMAT', tags: ['wfformat', 'montage'] } });
  const generated = (await stack.gql(GENERATE, { input: { tasks: 300, ccr: 2, seed: 11, name: 'random 300 tasks, CCR 2', tags: ['generated'], cluster: { processors: 6, speedMin: 1, speedMax: 3, name: 'six processors' } } })).generateWorkflow;
  const large = (await stack.gql(GENERATE, { input: { tasks: 10_000, seed: 7, name: 'random 10,000 tasks', tags: ['generated', 'large'], cluster: { processors: 16, speedMin: 1, speedMax: 4, name: 'sixteen processors' } } })).generateWorkflow;
  const run = async (w, c, s, o) => (await stack.gql(SCHEDULE, { w, c, s, o })).scheduleWorkflow.id;
  const paperRun = await run(paper.workflow.id, paperCluster.id, 'heft');
  const heftRun = await run(generated.workflow.id, generated.cluster.id, 'heft');
  const largeRun = await run(large.workflow.id, large.cluster.id, 'heft');
  const names = (await stack.gql('{ schedulers { name enabled } }')).schedulers.filter((s) => s.enabled).map((s) => s.name);
  const compared = ['heft', 'cpop', 'peft', 'lookahead-heft', 'hybrid-ga'].filter((n) => names.includes(n)).map((scheduler) => (scheduler === 'hybrid-ga' ? { scheduler, options: { timeBudgetMs: 3000 } } : { scheduler }));
  const comparison = (await stack.gql(COMPARE, { w: generated.workflow.id, c: generated.cluster.id, s: compared })).compareSchedulers.runs.map((r) => r.id);
  for (const id of [paperRun, heftRun, largeRun, ...comparison]) await stack.waitForRun(id, 300_000);
  return { generated, heftRun, largeRun, comparison };
}

/** A document with two faults, for the upload form's error list. */
function brokenDocument() {
  const workflow = {
    name: 'broken',
    tasks: [
      { id: 'extract', costs: { p1: 4, p2: 6 } },
      { id: 'transform', costs: { p1: -8, p2: 5 } },
      { id: 'load', costs: { p1: 3, p2: 3 } },
    ],
    edges: [
      { from: 'extract', to: 'transform', data: 10 },
      { from: 'transform', to: 'report', data: 2 },
    ],
  };
  const file = join(tmpdir(), `hetsched-broken-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(workflow, null, 2));
  return file;
}

async function shoot(page, name, options = {}) {
  const path = join(out, `${name}.png`);
  if (options.element) await page.getByTestId(options.element).screenshot({ path });
  else await page.screenshot({ path, fullPage: false });
  console.log(`wrote ${values.out}/${name}.png`);
}

async function pages(browser, stack, ids) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  await page.goto(`${stack.origin}/`);
  await page.getByTestId('sign-in').waitFor();
  await shoot(page, 'sign-in');
  await signIn(page, stack.origin, ADMIN);
  await page.getByTestId('workflow-table').locator('tbody tr').nth(3).waitFor();
  await shoot(page, 'workflows');

  await page.getByTestId('upload-file').setInputFiles(brokenDocument());
  await page.getByTestId('upload-submit').click();
  await page.getByTestId('issues').waitFor();
  await shoot(page, 'upload-errors', { element: 'upload' });

  await page.goto(`${stack.origin}/workflows/${ids.generated.workflow.id}`);
  await page.getByTestId('dag').waitFor();
  const dag = await page.getByTestId('dag').boundingBox();
  await page.mouse.move(dag.x + dag.width / 2, dag.y + dag.height / 2);
  await page.waitForTimeout(300);
  await shoot(page, 'workflow-dag');

  await page.goto(`${stack.origin}/runs/${ids.heftRun}`);
  await page.getByTestId('gantt').waitFor();
  const gantt = await page.getByTestId('gantt').boundingBox();
  await page.mouse.move(gantt.x + gantt.width * 0.45, gantt.y + 22 + 26 * 2 + 13);
  await page.waitForTimeout(300);
  await shoot(page, 'run-gantt');

  await page.goto(`${stack.origin}/runs/${ids.largeRun}`);
  await page.getByTestId('gantt').waitFor();
  await page.waitForTimeout(300);
  await shoot(page, 'run-10000-tasks');

  await page.goto(`${stack.origin}/schedule?workflow=${ids.generated.workflow.id}&cluster=${ids.generated.cluster.id}`);
  await page.getByTestId('scheduler-hybrid-ga').check();
  await page.getByTestId('scheduler-heft').check();
  await page.locator('#hybrid-ga-timeBudgetMs').fill('8000');
  await shoot(page, 'schedule');
  await page.getByTestId('scheduler-heft').uncheck();
  await page.getByTestId('schedule-submit').click();
  await page.getByTestId('convergence').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="convergence"]')?.getAttribute('data-points') ?? 0) >= 25, undefined, { timeout: 60_000 });
  await shoot(page, 'ga-live');

  await page.goto(`${stack.origin}/compare?runs=${ids.comparison.join(',')}`);
  await page.getByTestId('makespan-bars').waitFor();
  await page.waitForTimeout(300);
  await shoot(page, 'compare');

  await page.goto(`${stack.origin}/runs`);
  await page.getByTestId('run-row').nth(3).waitFor();
  await shoot(page, 'runs');

  await page.goto(`${stack.origin}/admin`);
  await page.getByTestId('token-table').locator('tbody tr').first().waitFor();
  await shoot(page, 'admin');

  await page.goto(`${stack.origin}/graphiql`);
  await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
  await page.locator('.graphiql-query-editor .CodeMirror').evaluate((element) =>
    element.CodeMirror.setValue('query Recent {\n  scheduleRuns(first: 3, orderBy: { field: MAKESPAN, direction: ASC }) {\n    edges { node { scheduler status makespan workflow { name } } }\n  }\n}\n'),
  );
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.graphiql-response').getByText('makespan').first().waitFor();
  await page.getByRole('button', { name: /documentation explorer/i }).click();
  await page.waitForTimeout(500);
  await shoot(page, 'graphiql');
}

mkdirSync(out, { recursive: true });
const stack = await startStack({ adminToken: ADMIN });
const browser = await launchChromium();
try {
  const ids = await seed(stack);
  await pages(browser, stack, ids);
} finally {
  await browser.close();
  await stack.close();
}
