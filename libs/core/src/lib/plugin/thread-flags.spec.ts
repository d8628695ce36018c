import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { refusedExecArgv, threadExecArgv, withThreadExecArgv } from './thread-flags.js';

describe('threadExecArgv', () => {
  it('drops resolution conditions in all three spellings, with their values', () => {
    const parent = ['--conditions', '@hetsched/source', '-C', 'dev', '--conditions=x', '--enable-source-maps'];
    expect(threadExecArgv(parent, new Set())).toEqual(['--enable-source-maps']);
  });

  it('drops refused flags, and the separate value of a refused flag without one', () => {
    const parent = ['--max-old-space-size=4096', '--title', 'api', '--expose-gc', '--require', 'x.js', '--enable-source-maps'];
    const refused = new Set(['--max-old-space-size=4096', '--title', '--expose-gc']);
    expect(threadExecArgv(parent, refused)).toEqual(['--require', 'x.js', '--enable-source-maps']);
  });
});

describe('refusedExecArgv', () => {
  it("reads the flags of Node's refusal and nothing from other errors", () => {
    const refusal = Object.assign(new Error('Initiated Worker with invalid execArgv flags: --max-old-space-size=4096, --expose-gc'), {
      code: 'ERR_WORKER_INVALID_EXEC_ARGV',
    });
    expect(refusedExecArgv(refusal)).toEqual(['--max-old-space-size=4096', '--expose-gc']);
    expect(refusedExecArgv(new Error('Initiated Worker with invalid execArgv flags: --x'))).toBeUndefined();
    expect(refusedExecArgv(null)).toBeUndefined();
  });
});

describe('withThreadExecArgv', () => {
  const original = [...process.execArgv];
  afterEach(() => {
    process.execArgv.splice(0, process.execArgv.length, ...original);
  });

  it('starts a real thread in a process run with V8 and process-wide flags, which a thread refuses', async () => {
    process.execArgv.push('--stack-trace-limit=50', '--expose-gc', '--enable-source-maps');
    // As Node itself does: passed on as they are, the flags make the thread fail to start.
    expect(() => new Worker('', { eval: true, execArgv: process.execArgv })).toThrow(/invalid execArgv flags: --stack-trace-limit=50, --expose-gc/);

    const passed: string[][] = [];
    const worker = withThreadExecArgv((execArgv) => {
      passed.push(execArgv);
      return new Worker(`require('node:worker_threads').parentPort.postMessage(process.execArgv)`, { eval: true, execArgv });
    });
    const threadFlags = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(threadFlags).toContain('--enable-source-maps');
    expect(threadFlags).not.toContain('--expose-gc');
    // Learnt once: the next thread gets the accepted flags at the first try.
    expect(threadExecArgv()).not.toContain('--stack-trace-limit=50');
    expect(passed.at(-1)).toEqual(threadExecArgv());
  });

  it('throws any other error as it is', () => {
    const failure = new Error('no such file');
    expect(() =>
      withThreadExecArgv(() => {
        throw failure;
      }),
    ).toThrow(failure);
  });
});
