import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat, issueLine, jsonPathLines, parentPath, placeIssues } from './issues.js';

const DOCUMENT = `{
  "name": "two",
  "tasks": [
    { "id": "a", "work": 3 },
    {
      "id": "b",
      "costs": { "p1": 2, "p-2": -8 }
    }
  ],
  "edges": [{ "from": "a", "to": "zz" }]
}`;

describe('detectFormat', () => {
  it('tells DAX, WfFormat and native JSON apart', () => {
    expect(detectFormat('\uFEFF  <?xml version="1.0"?><adag/>')).toBe('DAX');
    expect(detectFormat('{"schemaVersion": "1.5", "workflow": {}}')).toBe('WFFORMAT');
    expect(detectFormat('{"workflow": {"tasks": []}}')).toBe('WFFORMAT');
    expect(detectFormat(DOCUMENT)).toBe('NATIVE');
    expect(detectFormat('{ not json')).toBe('NATIVE');
  });
});

describe('jsonPathLines', () => {
  it('finds the line of each value by its JSON path', () => {
    const lines = jsonPathLines(DOCUMENT);
    // Read off the text above: line 1 is "{", line 3 opens "tasks", line 4 is task 0, line 5 opens task 1.
    expect(lines.get('$')).toBe(1);
    expect(lines.get('$.name')).toBe(2);
    expect(lines.get('$.tasks')).toBe(3);
    expect(lines.get('$.tasks[0]')).toBe(4);
    expect(lines.get('$.tasks[0].work')).toBe(4);
    expect(lines.get('$.tasks[1]')).toBe(5);
    expect(lines.get('$.tasks[1].id')).toBe(6);
    expect(lines.get('$.tasks[1].costs.p1')).toBe(7);
    expect(lines.get('$.tasks[1].costs["p-2"]')).toBe(7);
    expect(lines.get('$.edges[0].to')).toBe(10);
  });

  it('knows every path of a JSON value, each at the line where the value starts', () => {
    // Pretty-printed JSON puts each primitive on its own line: the reference is the line of each path in the
    // printed text, computed by walking the value with the same path rule.
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), fc.boolean(), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value, null, 1);
        const expected = new Map<string, number>();
        let line = 1;
        const walk = (v: unknown, path: string) => {
          expected.set(path, line);
          if (Array.isArray(v)) {
            if (v.length === 0) return;
            v.forEach((item, i) => {
              line++;
              walk(item, `${path}[${i}]`);
            });
            line++;
          } else if (typeof v === 'object' && v !== null) {
            const entries = Object.entries(v);
            if (entries.length === 0) return;
            for (const [key, item] of entries) {
              line++;
              walk(item, /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);
            }
            line++;
          }
        };
        walk(value, '$');
        expect(Object.fromEntries(jsonPathLines(text))).toEqual(Object.fromEntries(expected));
      }),
    );
  });
});

describe('issueLine and placeIssues', () => {
  const lines = jsonPathLines(DOCUMENT);

  it('places syntax errors, DAX messages and JSON paths', () => {
    expect(issueLine({ severity: 'error', path: 'line 3, column 7', message: 'Unexpected token' }, undefined)).toBe(3);
    expect(issueLine({ severity: 'error', path: '/adag/job[3]/@runtime', message: 'job "j3" (line 12) has no runtime' }, undefined)).toBe(12);
    expect(issueLine({ severity: 'error', path: '$.tasks[1].costs["p-2"]', message: 'must not be negative, got -8' }, lines)).toBe(7);
    // A member that is not in the text: its object's line.
    expect(issueLine({ severity: 'error', path: '$.edges[0].data', message: 'missing' }, lines)).toBe(10);
    expect(issueLine({ severity: 'error', path: '$.edges', message: 'the workflow has a cycle: "a" -> "b" -> "a"' }, lines)).toBe(10);
    expect(issueLine({ severity: 'error', path: '/adag', message: 'not a DAX' }, undefined)).toBeUndefined();
  });

  it('walks up a path one step at a time', () => {
    expect(parentPath('$.tasks[3].costs.p2')).toBe('$.tasks[3].costs');
    expect(parentPath('$.tasks[3].costs["p-2"]')).toBe('$.tasks[3].costs');
    expect(parentPath('$.tasks[3]')).toBe('$.tasks');
    expect(parentPath('$.tasks')).toBe('$');
  });

  it('orders issues by line, unplaced last, keeping task ids', () => {
    const placed = placeIssues(
      [
        { severity: 'error', path: '$.edges[0].to', message: 'edge to unknown task "zz"', taskId: 'zz' },
        { severity: 'error', path: 'somewhere', message: 'unplaced' },
        { severity: 'error', path: '$.tasks[1].costs["p-2"]', message: 'must not be negative, got -8', taskId: 'b', processorId: 'p-2' },
      ],
      DOCUMENT,
      'NATIVE',
    );
    expect(placed.map((i) => [i.line, i.taskId])).toEqual([
      [7, 'b'],
      [10, 'zz'],
      [undefined, undefined],
    ]);
  });
});
