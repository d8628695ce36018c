import { ValidationError } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { readShared } from '../testing/shared-data.js';
import { parseClusterJson, parseJsonText, parseWorkflowJson } from './native-json.js';

const fixture = (name: string) => readShared(`fixtures/topcuoglu2002/${name}`);

/** The single issue of the ValidationError that `parse` throws. */
function issueOf(parse: () => unknown) {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues).toHaveLength(1);
    return { ...issues[0]!, message: issues[0]!.message, error: (error as Error).message };
  }
  throw new Error('expected a ValidationError');
}

describe('parseWorkflowJson / parseClusterJson', () => {
  it('reads the paper example', () => {
    const workflow = parseWorkflowJson(fixture('workflow.json'));
    const cluster = parseClusterJson(fixture('cluster.json'));
    expect(workflow.tasks).toHaveLength(10);
    expect(workflow.edges).toHaveLength(15);
    expect(workflow['description']).toMatch(/Topcuoglu/); // extra fields are kept
    expect(cluster.processors.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('reads the examples of docs/formats.md', () => {
    const workflow = parseWorkflowJson(
      '{"name": "example", "tasks": [{"id": "a", "work": 12.5}, {"id": "b", "costs": {"p1": 14, "p2": 16}}], "edges": [{"from": "a", "to": "b", "data": 18}]}',
    );
    const cluster = parseClusterJson(
      '{"name": "two-nodes", "processors": [{"id": "p1", "speed": 1.0, "cores": 8, "memoryGb": 32}, {"id": "p2", "speed": 2.5}], "network": {"bandwidth": 1.0, "latency": 0, "links": [{"between": ["p1", "p2"], "bandwidth": 2.0, "latency": 0.1}]}}',
    );
    expect(workflow.edges[0]).toEqual({ from: 'a', to: 'b', data: 18 });
    expect(cluster.network?.links?.[0]?.bandwidth).toBe(2);
  });

  it('names the line and column of a syntax error, in the words of the parser', () => {
    const text = '{\n  "tasks": [\n    {"id": "a",, }\n  ]\n}';
    const issue = issueOf(() => parseWorkflowJson(text, 'wf.json'));
    expect(issue.path).toBe('line 3, column 16');
    expect(issue.message).toBe('Expected double-quoted property name');
    expect(issue.error).toBe('invalid wf.json: line 3, column 16: Expected double-quoted property name');
  });

  it.each([
    ['a token V8 reports without a position', '{"tasks": [1, 2,]}', 'line 1, column 17'],
    ['a truncated document', '{\n"tasks": [', 'line 2, column 11'],
    ['an empty document', '', 'line 1, column 1'],
    ['trailing text', '{}\n\nx', 'line 3, column 1'],
    ['a bad literal', '{"a": tru}', 'line 1, column 10'],
    ['a raw newline in a string', '{"a": "x\ny"}', 'line 1, column 9'],
    ['a bad escape', '{"a": "\\q"}', 'line 1, column 9'],
    ['a number without digits', '{"a": -}', 'line 1, column 8'],
    ['a comment', '// workflow\n{}', 'line 1, column 1'],
  ])('locates %s', (_, text, path) => {
    expect(issueOf(() => parseJsonText(text)).path).toBe(path);
  });

  it('never quotes the whole document in the message', () => {
    const issue = issueOf(() => parseJsonText(`{"tasks": [${'{"id": "x"},'.repeat(1000)}]}`));
    expect(issue.message.length).toBeLessThan(80);
  });

  it('drops the excerpt V8 quotes even when it is cut short, and keeps the message on one line', () => {
    // V8: `Unexpected token '#', "#{\n "name""... is not valid JSON`: the excerpt spans lines and ends in "...".
    const text = `#${JSON.stringify({ name: 'base', tasks: [{ id: 'a', work: 2 }], edges: [] }, null, 1)}`;
    expect(issueOf(() => parseJsonText(text))).toEqual({
      severity: 'error',
      path: 'line 1, column 1',
      message: "Unexpected token '#'",
      error: "invalid JSON document: line 1, column 1: Unexpected token '#'",
    });
    // "[1,\n2,]": the "]" is line 2, column 3.
    expect(issueOf(() => parseJsonText('[1,\n2,]'))).toMatchObject({ path: 'line 2, column 3', message: "Unexpected token ']'" });
  });

  it('skips a byte-order mark', () => {
    expect(parseClusterJson('\ufeff{"processors": [{"id": "p1"}]}').processors).toHaveLength(1);
  });

  it('then reports every validation problem with its JSON path', () => {
    const text = JSON.stringify({ tasks: [{ id: 'a', work: -1 }, { id: 'a', work: 1 }], edges: [{ from: 'a', to: 'zz' }] });
    try {
      parseWorkflowJson(text, 'broken.json');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/^invalid broken\.json: \$\.tasks\[0\]\.work: must not be negative/);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['$.tasks[0].work', '$.tasks[1].id', '$.edges[0].to']);
    }
  });

  it('checks clusters the same way', () => {
    expect(issueOf(() => parseClusterJson('{"processors": [{"id": "p1", "speed": 0}]}')).path).toBe('$.processors[0].speed');
  });
});
