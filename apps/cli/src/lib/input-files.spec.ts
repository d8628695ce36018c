import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError, ExitCode } from './cli-error.js';
import { detectWorkflowFormat, loadCluster, loadWorkflow, readText, WORKFLOW_FORMATS, type WorkflowFormat } from './input-files.js';
import { jsonObject, nonNegativeNumber, numberRange, positiveInteger } from './parse-args.js';

describe('detectWorkflowFormat', () => {
  it('tells DAX, WfFormat and native JSON apart from the opening bytes', () => {
    expect(detectWorkflowFormat('  <?xml version="1.0"?><adag/>')).toBe('dax');
    expect(detectWorkflowFormat('{"name": "x", "schemaVersion": "1.5", "workflow": {}}')).toBe('wfformat');
    expect(detectWorkflowFormat('{"workflow": {"specification": {"tasks": []}}}')).toBe('wfformat');
    expect(detectWorkflowFormat('{"name": "x", "tasks": [], "edges": []}')).toBe('native');
  });
});

describe('loading files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hetsched-cli-unit-'));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('names a missing file', () => {
    expect(() => readText(join(dir, 'absent.json'))).toThrow(/absent\.json: no such file/);
  });

  it('turns a validation error into one line with the file and the JSON path', () => {
    const file = write('bad.json', JSON.stringify({ tasks: [{ id: 'a', work: 1 }], edges: [{ from: 'a', to: 'b' }] }));
    let error: unknown;
    try {
      loadWorkflow(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.invalidInput);
    expect((error as CliError).message).toBe(`${file}: $.edges[0].to: edge to unknown task "b"`);
  });

  it('counts the further problems it does not print', () => {
    const file = write('worse.json', JSON.stringify({ processors: [{ id: 'p', speed: -1 }, { id: 'p' }] }));
    expect(() => loadCluster(file)).toThrow(/\$\.processors\[0\]\.speed: must be greater than 0, got -1 \(processor "p"\) \(1 more problem; `hetsched validate` lists all\)/);
  });

  it('loads a valid native workflow', () => {
    const file = write('ok.json', JSON.stringify({ tasks: [{ id: 'a', work: 1 }], edges: [] }));
    expect(loadWorkflow(file).workflow.tasks).toHaveLength(1);
  });
});

describe('argument parsers', () => {
  it('accept what they promise and refuse the rest with the value named', () => {
    expect(positiveInteger('12')).toBe(12);
    expect(() => positiveInteger('1.5')).toThrow(/"1.5" is not a positive integer/);
    expect(() => positiveInteger('0')).toThrow(/"0"/);
    expect(nonNegativeNumber('0')).toBe(0);
    expect(() => nonNegativeNumber('')).toThrow(/is not a non-negative number/);
    expect(() => nonNegativeNumber('-1')).toThrow(/"-1"/);
    expect(numberRange('1,4')).toEqual([1, 4]);
    expect(numberRange('2')).toEqual([2, 2]);
    expect(() => numberRange('4,1')).toThrow(/min <= max/);
    expect(jsonObject('{"seed": 3}')).toEqual({ seed: 3 });
    expect(() => jsonObject('[1]')).toThrow(/must be a JSON object/);
    expect(() => jsonObject('{seed}')).toThrow(/not valid JSON/);
  });
});

describe('the input files of every command, on issue #14 inputs and fuzzed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hetsched-cli-fuzz-'));
  let count = 0;
  const write = (text: string, extension = 'json') => {
    const file = join(dir, `input-${count++}.${extension}`);
    writeFileSync(file, text);
    return file;
  };

  /** Loads `file`: a result, or a CliError for invalid input (exit 1) whose one line starts with the file's name. */
  function loadedOrRefused(file: string, load: () => unknown): 'loaded' | 'refused' {
    try {
      load();
      return 'loaded';
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      expect(error.exitCode).toBe(ExitCode.invalidInput);
      expect(error.message.startsWith(`${file}: `)).toBe(true);
      expect(error.message).not.toMatch(/[\n\r]/);
      return 'refused';
    }
  }

  const refusal = (load: () => unknown): string => {
    try {
      load();
    } catch (error) {
      if (error instanceof CliError && error.exitCode === ExitCode.invalidInput) return error.message;
      throw error;
    }
    throw new Error('expected the input to be refused');
  };

  it('names the task of a negative value, the path of a nesting too deep and the line of an external DAX entity (exit 1)', () => {
    const negative = write(JSON.stringify({ tasks: [{ id: 'a', work: 1 }, { id: 'b', work: -1 }], edges: [] }));
    expect(refusal(() => loadWorkflow(negative))).toBe(`${negative}: $.tasks[1].work: must not be negative, got -1 (task "b")`);
    // 5,000 levels under $.tasks[0].extra (3 steps down): the first value too deep is 62 "n" below it.
    const deep = write(`{"tasks": [{"id": "a", "work": 1, "extra": ${'{"n": '.repeat(5000)}0${'}'.repeat(5000)}}], "edges": []}`);
    expect(refusal(() => loadWorkflow(deep))).toMatch(new RegExp(`^${deep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$\\.tasks\\[0\\]\\.extra(\\.n){62}: lies 65 levels deep: .* \\(task "a"\\)$`));
    const xxe = write('<?xml version="1.0"?>\n<!DOCTYPE adag [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<adag><job id="&xxe;" runtime="1"/></adag>', 'xml');
    expect(refusal(() => loadWorkflow(xxe))).toBe(`${xxe}: line 3, column 3: external entity "xxe" is not allowed: a DAX may not make its reader fetch files or URLs`);
  });

  it('loads processors and tasks named like Object.prototype members, in every format', () => {
    const odd = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    const cluster = write(JSON.stringify({ processors: odd.map((id) => ({ id })), network: { links: [{ between: ['__proto__', 'constructor'], bandwidth: 2 }] } }));
    expect(loadCluster(cluster).processors.map((p) => p.id)).toEqual(odd);
    const costs = `{${odd.map((id, i) => `"${id}": ${i + 1}`).join(', ')}}`;
    const native = write(`{"tasks": [{"id": "__proto__", "costs": ${costs}}, {"id": "constructor", "work": 1}], "edges": [{"from": "__proto__", "to": "constructor"}]}`);
    const workflow = loadWorkflow(native).workflow;
    expect(Object.keys(workflow.tasks[0]!.costs!)).toEqual(odd);
    expect(workflow.tasks[0]!.costs!['__proto__']).toBe(2);
    const dax = write('<adag><job id="toString" runtime="1"/><job id="hasOwnProperty" runtime="2"/><child ref="hasOwnProperty"><parent ref="toString"/></child></adag>', 'xml');
    expect(loadWorkflow(dax).workflow.edges).toEqual([{ from: 'toString', to: 'hasOwnProperty', data: 0 }]);
  });

  /** Pieces that JSON and XML readers trip on, joined at random. */
  const PIECES = ['{', '}', '[', ']', ',', ':', '"tasks"', '"edges"', '"id"', '"work"', '"costs"', '"processors"', '"__proto__"', '"constructor"', '1e308', '-1', '5e-324',
    '"schemaVersion": "1.5"', '"workflow"', '"specification"', '<adag>', '</adag>', '<job id="a" runtime="1">', '</job>', '<!DOCTYPE adag [<!ENTITY e SYSTEM "x">]>', '&e;', '\ufeff', '\n', 'null', 'true', '"'];
  /** Valid for both readers (extra fields are allowed): the tasks and processors of odd ids and numbers. */
  const both = fc
    .tuple(
      fc.uniqueArray(fc.constantFrom('a', 'b', '__proto__', 'constructor', 'x\ny', '$'), { minLength: 1, maxLength: 3 }),
      fc.array(fc.constantFrom(0, 1, 1e308, 5e-324, -1, 2.5), { minLength: 3, maxLength: 3 }),
    )
    .map(([ids, numbers]) => JSON.stringify({ tasks: ids.map((id, i) => ({ id, work: numbers[i] })), edges: [], processors: ids.map((id, i) => ({ id, speed: numbers[i] })) }));
  const text = fc.oneof(
    both,
    fc.json({ maxDepth: 4 }),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((pieces) => pieces.join('')),
    fc.string({ maxLength: 30 }),
  );

  it('never ends in an internal error: any file is loaded, or refused as invalid input naming it on one line', () => {
    const outcomes = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(text, fc.constantFrom<WorkflowFormat>(...WORKFLOW_FORMATS), (content, format) => {
        const file = write(content);
        outcomes[loadedOrRefused(file, () => loadWorkflow(file, format))]++;
        outcomes[loadedOrRefused(file, () => loadCluster(file))]++;
        expect(['native', 'wfformat', 'dax']).toContain(detectWorkflowFormat(content));
      }),
      { numRuns: 300 },
    );
    expect(outcomes.loaded).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 60_000);
});

