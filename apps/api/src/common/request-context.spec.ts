import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ApiStore } from '../store/api-store.js';
import { RequestContext } from './context.js';
import { createLoaders } from './loaders.js';
import { WorkBudget } from './work-budget.js';

/** A store whose every method records its name and the keys asked, and finds nothing. */
function recordingStore(calls: string[]): ApiStore {
  const method = (name: string) => async (ids: readonly string[]) => (calls.push(`${name}(${ids.join(',')})`), new Map());
  const part = (prefix: string, names: string[]) => Object.fromEntries(names.map((name) => [name, method(`${prefix}.${name}`)]));
  return {
    workflows: part('workflows', ['summaries', 'referencedSummaries', 'documents']),
    clusters: part('clusters', ['summaries', 'referencedSummaries', 'documents']),
    runs: part('runs', ['byIds', 'assignments']),
    models: part('models', ['byIds', 'byTrainingRuns']),
  } as unknown as ApiStore;
}

describe('createLoaders', () => {
  it('gives one loader per kind for the whole request, each batching to its own store method', async () => {
    const calls: string[] = [];
    const loaders = createLoaders(recordingStore(calls));
    expect(loaders.workflow).toBe(loaders.workflow);
    expect(loaders.workflow).not.toBe(loaders.runWorkflow);
    await Promise.all([loaders.workflow.load('a'), loaders.workflow.load('b'), loaders.runCluster.load('c'), loaders.trainingRunModels.load('t')]);
    expect(calls.sort()).toEqual(['clusters.referencedSummaries(c)', 'models.byTrainingRuns(t)', 'workflows.summaries(a,b)']);
    // Loaded once per request: asking again reads nothing.
    await loaders.workflow.load('a');
    expect(calls).toHaveLength(3);
  });

  it('shares nothing between requests', async () => {
    const calls: string[] = [];
    const store = recordingStore(calls);
    const [first, second] = [createLoaders(store), createLoaders(store)];
    expect(first.run).not.toBe(second.run);
    await first.run.load('r');
    await second.run.load('r');
    expect(calls).toEqual(['runs.byIds(r)', 'runs.byIds(r)']);
  });
});

describe('RequestContext', () => {
  function context(lines: Record<string, unknown>[]) {
    const parentLogger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    return new RequestContext({
      requestId: 'req-1',
      principal: null,
      authFailure: 'unknown token',
      loaders: createLoaders(recordingStore([])),
      parentLogger,
      bindings: { requestId: 'req-1', transport: 'ws' },
      work: new WorkBudget(10),
      runEngine: {} as never,
    });
  }

  it("logs through one child bound to the request, made once, and a copy's logger is bound the same way", () => {
    const lines: Record<string, unknown>[] = [];
    const ctx = context(lines);
    expect(ctx.logger).toBe(ctx.logger);
    ctx.logger.info('one');
    const copy = Object.assign(Object.create(Object.getPrototypeOf(ctx) as object) as RequestContext, ctx);
    copy.logger.info('two');
    expect(lines.map(({ msg, requestId, transport }) => ({ msg, requestId, transport }))).toEqual([
      { msg: 'one', requestId: 'req-1', transport: 'ws' },
      { msg: 'two', requestId: 'req-1', transport: 'ws' },
    ]);
  });

  it('keeps why a token was refused only when there is no principal', () => {
    expect(context([]).authFailure).toBe('unknown token');
    const withPrincipal = new RequestContext({ ...contextParts(), principal: { name: 'admin' } as never, authFailure: 'ignored' });
    expect(withPrincipal.authFailure).toBeUndefined();
    expect(withPrincipal.trace).toEqual({});
  });
});

function contextParts() {
  return {
    requestId: 'r',
    principal: null,
    loaders: createLoaders(recordingStore([])),
    parentLogger: pino({ level: 'silent' }),
    bindings: { requestId: 'r' },
    work: new WorkBudget(1),
    runEngine: {} as never,
  };
}
