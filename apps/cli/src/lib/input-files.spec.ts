import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, ExitCode } from './cli-error.js';
import { detectWorkflowFormat, loadCluster, loadWorkflow, readText } from './input-files.js';
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
    expect(() => loadCluster(file)).toThrow(/\$\.processors\[0\]\.speed: must be greater than 0, got -1 \(1 more problem; `hetsched validate` lists all\)/);
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
