import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from '../errors.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { parseCluster, validateCluster, validateProblem } from './validate-cluster.js';

const at = (issues: ValidationIssue[], path: string) => issues.filter((i) => i.path === path);

const cluster = () => ({
  name: 'three',
  processors: [{ id: 'p1', speed: 2, cores: 4, memoryGb: 16, type: 'cpu' }, { id: 'p2' }, { id: 'p3', speed: 0.5 }],
  network: { bandwidth: 10, latency: 1, links: [{ between: ['p1', 'p2'], bandwidth: 100 }] },
});

describe('validateCluster: valid documents', () => {
  it('accepts a full cluster and a minimal one', () => {
    expect(validateCluster(cluster())).toEqual([]);
    expect(validateCluster({ processors: [{ id: 'solo' }] })).toEqual([]);
  });

  it('accepts zero latency and a link with latency only', () => {
    expect(validateCluster({ processors: [{ id: 'a' }, { id: 'b' }], network: { latency: 0, links: [{ between: ['b', 'a'], latency: 0 }] } })).toEqual([]);
  });
});

describe('validateCluster: processors', () => {
  it.each([null, 'x', [1]])('refuses a non-object document (%j)', (doc) => {
    const issues = validateCluster(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', path: '$' });
  });

  it('requires a processor list and refuses an empty cluster', () => {
    expect(validateCluster({})).toEqual([{ severity: 'error', path: '$.processors', message: 'is required (a list of processors)' }]);
    expect(validateCluster({ processors: {} })).toEqual([{ severity: 'error', path: '$.processors', message: 'must be a list of processors' }]);
    expect(validateCluster({ processors: [] })).toEqual([
      { severity: 'error', path: '$.processors', message: 'the cluster is empty: it needs at least one processor' },
    ]);
  });

  it('refuses a duplicate processor id at the second occurrence, naming the first', () => {
    const doc = cluster();
    doc.processors.push({ id: 'p1' });
    expect(validateCluster(doc)).toEqual([
      { severity: 'error', path: '$.processors[3].id', message: 'duplicate processor id "p1" (first at $.processors[0])', processorId: 'p1' },
    ]);
  });

  it.each([
    ['speed', 0, 'must be greater than 0, got 0'],
    ['speed', -1, 'must be greater than 0, got -1'],
    ['speed', Number.NaN, 'must be a finite number, got NaN'],
    ['speed', Number.POSITIVE_INFINITY, 'must be a finite number, got Infinity'],
    ['speed', '2', 'must be a number, got "2"'],
    ['cores', 0, 'must be at least 1, got 0'],
    ['cores', 2.5, 'must be an integer, got 2.5'],
    ['memoryGb', -4, 'must not be negative, got -4'],
    ['type', 3, 'must be a string, got 3'],
  ])('refuses %s = %s', (field, value, message) => {
    const doc = cluster();
    (doc.processors[1] as Record<string, unknown>)[field] = value;
    // The message names the processor after the rule it breaks.
    expect(validateCluster(doc)).toEqual([{ severity: 'error', path: `$.processors[1].${field}`, message: `${message} (processor "p2")`, processorId: 'p2' }]);
  });

  it('refuses processors that are not objects or lack an id', () => {
    const issues = validateCluster({ processors: [4, { speed: 1 }, { id: '' }] });
    expect(at(issues, '$.processors[0]')[0]?.message).toBe('a processor must be an object, got 4');
    expect(at(issues, '$.processors[1].id')[0]?.message).toBe('processor id must be a string, got undefined');
    expect(at(issues, '$.processors[2].id')[0]?.message).toBe('processor id must not be empty');
  });
});

describe('validateCluster: network', () => {
  it.each([
    ['bandwidth', 0, 'must be greater than 0, got 0'],
    ['bandwidth', Number.NaN, 'must be a finite number, got NaN'],
    ['latency', -0.5, 'must not be negative, got -0.5'],
    ['latency', Number.POSITIVE_INFINITY, 'must be a finite number, got Infinity'],
    ['latency', '1', 'must be a number, got "1"'],
  ])('refuses network.%s = %s', (field, value, message) => {
    const doc = cluster();
    (doc.network as Record<string, unknown>)[field] = value;
    expect(validateCluster(doc)).toEqual([{ severity: 'error', path: `$.network.${field}`, message }]);
  });

  it('refuses a network or link list of the wrong type', () => {
    expect(validateCluster({ processors: [{ id: 'a' }], network: 5 })).toEqual([
      { severity: 'error', path: '$.network', message: 'must be an object with "bandwidth", "latency" and optional "links"' },
    ]);
    expect(validateCluster({ processors: [{ id: 'a' }], network: { links: {} } })).toEqual([
      { severity: 'error', path: '$.network.links', message: 'must be a list of links' },
    ]);
  });

  it('refuses a link to an unknown processor, at the end of the pair that is unknown', () => {
    const doc = cluster();
    doc.network.links.push({ between: ['p3', 'p9'], bandwidth: 1 });
    expect(validateCluster(doc)).toEqual([
      { severity: 'error', path: '$.network.links[1].between[1]', message: 'link to unknown processor "p9"', processorId: 'p9' },
    ]);
  });

  it('refuses a link from a processor to itself', () => {
    const doc = cluster();
    doc.network.links.push({ between: ['p2', 'p2'], bandwidth: 1 });
    const issues = validateCluster(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', path: '$.network.links[1].between', processorId: 'p2' });
    expect(issues[0]?.message).toMatch(/two different processors, got "p2" twice/);
  });

  it('refuses a duplicate link, in either direction (links are symmetric)', () => {
    const doc = cluster();
    doc.network.links.push({ between: ['p2', 'p1'], bandwidth: 5 });
    expect(validateCluster(doc)).toEqual([
      {
        severity: 'error',
        path: '$.network.links[1]',
        message: 'duplicate link between "p2" and "p1" (first at $.network.links[0]; links are symmetric)',
        processorId: 'p2',
      },
    ]);
  });

  it('refuses bad link numbers and malformed pairs', () => {
    const doc = { processors: [{ id: 'a' }, { id: 'b' }], network: { links: [{ between: ['a', 'b'], bandwidth: -1, latency: Number.NaN }, { between: ['a'] }, 'ab'] } };
    const issues = validateCluster(doc);
    expect(at(issues, '$.network.links[0].bandwidth')[0]?.message).toBe('must be greater than 0, got -1 (link "a" - "b")');
    expect(at(issues, '$.network.links[0].latency')[0]?.message).toBe('must be a finite number, got NaN (link "a" - "b")');
    expect(at(issues, '$.network.links[1].between')[0]?.message).toMatch(/pair of processor ids/);
    expect(at(issues, '$.network.links[2]')[0]?.message).toMatch(/link must be an object/);
    expect(issues).toHaveLength(4);
  });

  it('parseCluster throws a ValidationError naming the document', () => {
    expect(() => parseCluster({ processors: [] }, 'cluster.json')).toThrow(ValidationError);
    expect(() => parseCluster({ processors: [] }, 'cluster.json')).toThrow(/^invalid cluster\.json: \$\.processors: the cluster is empty/);
    const ok = cluster();
    expect(parseCluster(ok)).toBe(ok);
  });
});

describe('validateProblem: checks that need both documents', () => {
  const twoProcessors: ClusterSpec = { processors: [{ id: 'p1' }, { id: 'p2' }] };

  it('accepts tasks timed by work, by a full cost table, or by both', () => {
    const workflow: WorkflowSpec = {
      tasks: [{ id: 'a', work: 1 }, { id: 'b', costs: { p1: 1, p2: 2 } }, { id: 'c', work: 3, costs: { p2: 0 } }],
      edges: [],
    };
    expect(validateProblem(workflow, twoProcessors)).toEqual([]);
  });

  it('refuses a task with no cost for some processor and no work, naming the task and the processors', () => {
    const workflow: WorkflowSpec = { tasks: [{ id: 'a', work: 1 }, { id: 'b', costs: { p1: 1 } }], edges: [] };
    expect(validateProblem(workflow, twoProcessors)).toEqual([
      {
        severity: 'error',
        path: '$.tasks[1].costs',
        message: 'task "b" has no cost for processor "p2" and no "work" to fall back on',
        taskId: 'b',
        processorId: 'p2',
      },
    ]);
  });

  it('lists at most five missing processors and says how many in all', () => {
    const many: ClusterSpec = { processors: Array.from({ length: 7 }, (_, i) => ({ id: `q${i}` })) };
    const issues = validateProblem({ tasks: [{ id: 'x', costs: {} }], edges: [] }, many);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toBe('task "x" has no cost for processors "q0", "q1", "q2", "q3", "q4", … (7 in all) and no "work" to fall back on');
  });

  it('only warns about a cost for a processor the cluster lacks', () => {
    const workflow: WorkflowSpec = { tasks: [{ id: 'a', work: 1, costs: { gpu: 0.5 } }], edges: [] };
    expect(validateProblem(workflow, twoProcessors)).toEqual([
      {
        severity: 'warning',
        path: '$.tasks[0].costs.gpu',
        message: 'cost for processor "gpu", which the cluster does not have (ignored)',
        taskId: 'a',
        processorId: 'gpu',
      },
    ]);
  });

  it('finds a missing cost for processors named like Object.prototype members', () => {
    // `costs["constructor"]` is Object.prototype.constructor unless the lookup checks own properties.
    const odd: ClusterSpec = { processors: [{ id: 'constructor' }, { id: 'toString' }] };
    const workflow: WorkflowSpec = { tasks: [{ id: 'a', costs: { toString: 2 } }], edges: [] };
    const issues = validateProblem(workflow, odd);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', path: '$.tasks[0].costs', taskId: 'a', processorId: 'constructor' });
  });
});
