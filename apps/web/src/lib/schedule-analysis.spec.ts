import { describe, expect, it } from 'vitest';
import { buildGanttModel } from './gantt-geometry.js';
import { PAPER_EDGES, PAPER_SCHEDULE } from '../testing/paper-example.js';
import { analyseSchedule, transferTable, transferTime } from './schedule-analysis.js';

const NETWORK = { bandwidth: 1, latency: 0, links: [] };

describe('transferTable and transferTime', () => {
  it('is free on one processor, latency + data / bandwidth otherwise, a link overriding the defaults both ways', () => {
    const network = { bandwidth: 2, latency: 1, links: [{ between: ['p1', 'p2'], bandwidth: 10, latency: null }] };
    const table = transferTable(network, ['p1', 'p2', 'p3']);
    expect(transferTime(table, 0, 0, 100)).toBe(0);
    // p1-p2 link: bandwidth 10, latency from the network (1): 1 + 100 / 10 = 11, either direction.
    expect(transferTime(table, 1, 0, 100)).toBe(11);
    expect(transferTime(table, 0, 1, 100)).toBe(11);
    // p1-p3 has no link: 1 + 100 / 2 = 51.
    expect(transferTime(table, 0, 2, 100)).toBe(51);
  });
});

describe('analyseSchedule', () => {
  it('finds the critical path of HEFT on the paper example', () => {
    const model = buildGanttModel(PAPER_SCHEDULE, ['p1', 'p2', 'p3']);
    const analysis = analyseSchedule(model, PAPER_EDGES, NETWORK);
    // Walking back from n10 (p2, start 73): n7 arrives 49 + 17 = 66, n8 62 + 11 = 73, n9 on p2 at 68: n8 (data).
    // n8 (p1, start 57): n2 on p1 at 40, n4 26 + 27 = 53, n6 42 + 15 = 57: n6 (data).
    // n6 (p2, start 26): n1 arrives 9 + 14 = 23 < 26; n4 before it on p2 ends at 26: n4 (processor).
    // n4 (p2, start 18): n1 arrives 9 + 9 = 18: n1 (data). n1 has no parent and nothing before it: the path ends.
    expect(analysis.criticalPath.map((b) => model.task[b])).toEqual(['n1', 'n4', 'n6', 'n8', 'n10']);
    expect(analysis.criticalSteps).toEqual(['data', 'processor', 'data', 'data']);
    const n10 = model.barOf.get('n10')!;
    expect(analysis.incoming[n10]!.map((a) => [model.task[a.fromBar], a.data, a.arrival])).toEqual([
      ['n7', 17, 66],
      ['n8', 11, 73],
      ['n9', 13, 68],
    ]);
    expect(analysis.dataReady[n10]).toBe(73);
    expect(analysis.dataReady[model.barOf.get('n1')!]).toBe(0);
    expect([...analysis.onCriticalPath].reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('stops where a task had slack', () => {
    // b could start at 2 (a ends at 1, 1 data unit at bandwidth 1) but starts at 5: nothing made it wait.
    const model = buildGanttModel(
      [
        { task: 'a', processor: 'p1', start: 0, finish: 1 },
        { task: 'b', processor: 'p2', start: 5, finish: 6 },
      ],
      ['p1', 'p2'],
    );
    const analysis = analyseSchedule(model, [{ from: 'a', to: 'b', data: 1 }], NETWORK);
    expect(analysis.criticalPath.map((b) => model.task[b])).toEqual(['b']);
    expect(analysis.criticalSteps).toEqual([]);
  });
});
