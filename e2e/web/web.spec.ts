// The web console in a real browser (Debian's Chromium through playwright-core) against the built API process, its
// in-process worker and a fresh PostgreSQL database, as a user would meet them. Needs `npx nx run-many -t build`
// (apps/web/dist) and Chromium (`apt-get install -y chromium`): without Chromium the suite fails under CI=true and
// is skipped, loudly, elsewhere.
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess } from '../support/api-server.js';
import { paperExample } from '../support/paths.js';
import { collectSubscription, subscriptionClient } from '../support/subscriptions.js';
import { findChromium, INSTALL_COMMAND, launchChromium } from './support/browser.mjs';
import { assertConsoleBuilt, signIn, watchPage } from './support/console.js';

const ADMIN = 'hs_e2e-web-admin-token-0123456789abcdef';
const chromiumPath = findChromium();

if (!chromiumPath) {
  const message = `Chromium is not installed, so the browser suite (e2e/web) cannot run. Install it with: ${INSTALL_COMMAND}`;
  if (process.env['CI'] === 'true') {
    describe('the web console', () => {
      it('needs Chromium', () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`\n${'!'.repeat(100)}\n!! SKIPPED: ${message}\n${'!'.repeat(100)}\n`);
    describe.skip('the web console (skipped: no Chromium)', () => {
      it('needs Chromium', () => undefined);
    });
  }
} else {
  describe('the web console', defineSuite);
}

function defineSuite(): void {
  let database: E2eDatabase;
  let api: ApiProcess;
  let browser: { context: BrowserContext; close(): Promise<void> };
  const problems: string[] = [];

  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token: string = ADMIN) => graphqlRequest<T>(api.url, query, variables, token);
  const newPage = async (): Promise<Page> => {
    const page = await browser.context.newPage();
    watchPage(page, problems);
    return page;
  };

  beforeAll(async () => {
    assertConsoleBuilt();
    database = await createE2eDatabase();
    api = await startApiProcess({ env: { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN, HETSCHED_REAP_INTERVAL_MS: '1000' } });
    browser = await launchChromium();
  }, 120_000);

  // Generous: on a loaded machine the API's graceful stop (drain, worker threads, pools) can take tens of seconds.
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await database?.drop();
  }, 180_000);

  it('signs in, uploads the HEFT paper example and its cluster, and schedules it with HEFT: makespan 80, ten bars on three rows', async () => {
    const page = await newPage();
    await signIn(page, api.origin, ADMIN);
    await expect.poll(() => page.getByTestId('role').textContent()).toBe('ADMIN');

    await page.getByTestId('upload-file').setInputFiles(`${paperExample}workflow.json`);
    await expect.poll(() => page.getByTestId('upload-format').inputValue()).toBe('NATIVE');
    await page.getByTestId('upload-submit').click();
    // The workflow page: the DAG of 10 tasks on 4 levels (n1; n2-n6; n7-n9; n10).
    await page.getByTestId('dag').waitFor();
    expect(await page.getByTestId('dag').getAttribute('data-tasks')).toBe('10');
    expect(await page.getByTestId('dag').getAttribute('data-levels')).toBe('4');

    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('cluster-file').setInputFiles(`${paperExample}cluster.json`);
    await page.getByTestId('processor-table').waitFor();
    expect(await page.getByTestId('processor-table').locator('tbody tr').count()).toBe(3);

    await page.getByText('Schedule on it…').click();
    const workflowOption = page.getByTestId('schedule-workflow-select').locator('option', { hasText: 'topcuoglu2002' });
    await page.getByTestId('schedule-workflow-select').selectOption((await workflowOption.first().getAttribute('value'))!);
    await page.getByTestId('scheduler-heft').check();
    await page.getByTestId('schedule-submit').click();

    // The run page: queued, then run by the API's worker; the schedule of the paper (its Fig. 2 / expected-heft.json).
    await page.getByTestId('gantt').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('makespan').textContent()).toBe('80');
    expect(await page.getByTestId('gantt').getAttribute('data-bars')).toBe('10');
    expect(await page.getByTestId('gantt').getAttribute('data-rows')).toBe('3');
    expect(await page.getByTestId('assignment-table').locator('tbody tr').count()).toBe(10);
    // Hovering the middle of p2's row at t = 30 (inside n6, 26-42) names the task and what it received.
    const box = (await page.getByTestId('gantt').boundingBox())!;
    const labelWidth = 72;
    const timeWidth = box.width - labelWidth - 12;
    await page.mouse.move(box.x + labelWidth + (30 / 80) * timeWidth, box.y + 22 + 26 + 13);
    await expect.poll(() => page.getByTestId('gantt-tooltip').textContent()).toContain('n6 on p2');
    await page.close();
  });

  it('names the tasks of a cycle next to the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hetsched-web-e2e-'));
    const file = join(dir, 'cycle.json');
    const cyclic = {
      name: 'cyclic',
      tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 1 })),
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'd' },
        { from: 'd', to: 'b' },
      ],
    };
    writeFileSync(file, JSON.stringify(cyclic, null, 2));
    const page = await newPage();
    await signIn(page, api.origin, ADMIN);
    await page.getByTestId('upload-file').setInputFiles(file);
    await page.getByTestId('upload-submit').click();
    const issue = page.getByTestId('issue').first();
    await issue.waitFor();
    const text = await issue.textContent();
    // The cycle is b -> c -> d -> b, in whichever rotation the validator reports it; a is not on it.
    expect(text).toMatch(/cycle: "([bcd])" -> "([bcd])" -> "([bcd])" -> "\1"/);
    expect(text).not.toMatch(/-> "a"/);
    expect(await issue.getAttribute('data-task')).toMatch(/^[bcd]$/);
    // The issue is about $.edges: the line where "edges" starts in the pretty-printed document.
    expect(await issue.getAttribute('data-line')).toBe(String(JSON.stringify(cyclic, null, 2).split('\n').findIndex((l) => l.includes('"edges"')) + 1));
    await page.close();
  });

  it('follows a hybrid GA run live, resumes after a reload with every generation once, and cancels it', async () => {
    const generated = dataOf(
      await gql<{ generateWorkflow: { workflow: { id: string }; cluster: { id: string } } }>(
        'mutation($input: GenerateWorkflowInput!) { generateWorkflow(input: $input) { workflow { id } cluster { id } } }',
        { input: { tasks: 300, ccr: 2, seed: 11, cluster: { processors: 6, speedMin: 1, speedMax: 3 } } },
      ),
    ).generateWorkflow;
    const page = await newPage();
    await signIn(page, api.origin, ADMIN);
    await page.goto(`${api.origin}/schedule?workflow=${generated.workflow.id}&cluster=${generated.cluster.id}`);
    await page.getByTestId('scheduler-hybrid-ga').check();
    await page.locator('#hybrid-ga-timeBudgetMs').fill('10000');
    await page.getByTestId('schedule-submit').click();

    const chart = page.getByTestId('convergence');
    const points = async () => Number((await chart.getAttribute('data-points')) ?? 0);
    await chart.waitFor({ timeout: 30_000 });
    await expect.poll(points, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const runId = new URL(page.url()).pathname.split('/').pop()!;

    const before = await points();
    await page.reload();
    await chart.waitFor({ timeout: 20_000 });
    // After the reload the chart has at least what it had, and keeps growing.
    expect(await points()).toBeGreaterThanOrEqual(before);
    await expect.poll(points, { timeout: 20_000 }).toBeGreaterThan(before);

    await page.getByTestId('cancel-run').click();
    await expect.poll(() => page.getByTestId('status').first().textContent(), { timeout: 20_000 }).toBe('CANCELLED');
    const run = dataOf(await gql<{ scheduleRun: { status: string } }>('query($id: ID!) { scheduleRun(id: $id) { status } }', { id: runId })).scheduleRun;
    expect(run.status).toBe('CANCELLED');

    // The reference: every stored event of the run, read over graphql-ws from the start until the final one.
    const client = subscriptionClient(api.url, ADMIN);
    try {
      const events = await collectSubscription<{ kind: string; data: Record<string, unknown> | null }>(
        client,
        'subscription($id: ID!) { runProgress(runId: $id) { sequence kind data final } }',
        { id: runId },
      );
      const stored = events.filter((e) => e.kind === 'progress' && typeof e.data?.['generation'] === 'number').map((e) => e.data!['generation'] as number);
      await expect.poll(() => chart.getAttribute('data-generations')).toBe(stored.join(','));
      expect(new Set(stored).size).toBe(stored.length);
    } finally {
      await client.dispose();
    }
    await page.close();
  }, 90_000);

  it('shows a reader the data but no schedule, upload or admin controls', async () => {
    const reader = dataOf(await gql<{ createApiToken: { token: string } }>('mutation { createApiToken(name: "e2e reader", role: READER) { token } }')).createApiToken.token;
    const workflowId = dataOf(await gql<{ workflows: { edges: { node: { id: string } }[] } }>('{ workflows(first: 1, filter: { nameContains: "topcuoglu" }) { edges { node { id } } } }')).workflows
      .edges[0]!.node.id;
    const page = await newPage();
    await signIn(page, api.origin, reader);
    expect(await page.getByTestId('role').textContent()).toBe('READER');
    await page.getByTestId('workflow-table').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('upload').count()).toBe(0);
    expect(await page.getByTestId('generate').count()).toBe(0);
    expect(await page.getByTestId('nav-schedule').count()).toBe(0);
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    await page.goto(`${api.origin}/workflows/${workflowId}`);
    await page.getByTestId('dag').waitFor();
    expect(await page.getByTestId('schedule-workflow').count()).toBe(0);
    await page.close();
  });

  it('runs { viewer { role } } in GraphiQL with the token as a header, and browses the schema docs', async () => {
    const page = await newPage();
    await page.goto(`${api.origin}/graphiql`);
    await page.getByTestId('graphiql-token').fill(ADMIN);
    await page.getByRole('button', { name: 'Open GraphiQL' }).click();
    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor();
    // CodeMirror 5 keeps its instance on its wrapper element: set the query as a user's typing would end up.
    await editor.evaluate((element) => (element as unknown as { CodeMirror: { setValue(text: string): void } }).CodeMirror.setValue('{ viewer { role } }'));
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => page.locator('.graphiql-response').textContent(), { timeout: 20_000 }).toContain('"role": "ADMIN"');
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').textContent()).toContain('Query');
    await page.close();
  });

  it('loaded every page without a Content-Security-Policy violation or an uncaught error', () => {
    expect(problems).toEqual([]);
  });
}
