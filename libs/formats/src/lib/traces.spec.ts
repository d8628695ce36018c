import { readdirSync } from 'node:fs';
import { checkSchedule, validateWorkflow } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { heftSchedule } from '../testing/schedule.js';
import { readShared, SHARED } from '../testing/shared-data.js';
import { importDax } from './dax.js';
import { generateCluster } from '@hetsched/core';
import { importWfFormat } from './wfformat.js';

/** The real traces in ../shared/data/wfinstances, with the task and dependency counts their files give. */
const WFFORMAT_TRACES: Record<string, { tasks: number; edges: number; machines: number }> = {
  '1000genome-chameleon-22ch-250k-001.json': { tasks: 902, edges: 1166, machines: 4 },
  'epigenomics-chameleon-ilmn-6seq-50k-001.json': { tasks: 1695, edges: 2108, machines: 5 },
  'montage-chameleon-2mass-01d-001.json': { tasks: 103, edges: 231, machines: 1 },
  'montage-chameleon-dss-15d-001.json': { tasks: 2122, edges: 6114, machines: 4 },
  'seismology-chameleon-1000p-001.json': { tasks: 1001, edges: 1000, machines: 7 },
};
const DAX_TRACES: Record<string, { tasks: number; edges: number }> = {
  'CyberShake_100.xml': { tasks: 100, edges: 180 },
  'CyberShake_1000.xml': { tasks: 1000, edges: 1988 },
};

describe('the real traces', () => {
  it('are all covered here', () => {
    const folder = new URL('data/wfinstances/', SHARED);
    expect(readdirSync(folder).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(WFFORMAT_TRACES).sort());
    expect(readdirSync(new URL('dax/', folder)).sort()).toEqual(Object.keys(DAX_TRACES).sort());
  });

  it.each(Object.entries(WFFORMAT_TRACES))('%s imports and schedules on its own machines', (file, expected) => {
    const { workflow, cluster, warnings } = importWfFormat(readShared(`data/wfinstances/${file}`));
    expect(warnings).toEqual([]);
    expect(validateWorkflow(workflow).filter((i) => i.severity === 'error')).toEqual([]);
    expect(workflow.tasks).toHaveLength(expected.tasks);
    expect(workflow.edges).toHaveLength(expected.edges);
    expect(cluster!.processors).toHaveLength(expected.machines);
    // The machines' mean speed is the reference: the processors' speeds average 1.
    const speeds = cluster!.processors.map((p) => p.speed!);
    expect(speeds.reduce((a, b) => a + b, 0) / speeds.length).toBeCloseTo(1, 5);

    const { assignments } = heftSchedule(workflow, cluster!);
    expect(checkSchedule(workflow, cluster!, assignments).violations).toEqual([]);
  });

  it.each(Object.entries(DAX_TRACES))('%s imports and schedules on 8 generated processors', (file, expected) => {
    const { workflow } = importDax(readShared(`data/wfinstances/dax/${file}`));
    expect(validateWorkflow(workflow).filter((i) => i.severity === 'error')).toEqual([]);
    expect(workflow.tasks).toHaveLength(expected.tasks);
    expect(workflow.edges).toHaveLength(expected.edges);

    const cluster = generateCluster({ processors: 8, seed: file, speed: [1, 2], bandwidth: 125 });
    const { assignments } = heftSchedule(workflow, cluster);
    expect(checkSchedule(workflow, cluster, assignments).violations).toEqual([]);
  });
});
