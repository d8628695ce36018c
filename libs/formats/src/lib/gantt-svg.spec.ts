import { mkdirSync, writeFileSync } from 'node:fs';
import type { Assignment } from '@hetsched/core';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { heftSchedule } from '../testing/schedule.js';
import { readShared } from '../testing/shared-data.js';
import { colourOf, escapeXml, niceStep, renderGanttSvg } from './gantt-svg.js';
import { generateCluster, generateWorkflow } from '@hetsched/core';
import { parseClusterJson, parseWorkflowJson } from './native-json.js';

/** Writes a chart to libs/formats/tmp/ (git-ignored) for a person to look at. */
function writeChart(name: string, svg: string): void {
  const folder = new URL('../../tmp/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  writeFileSync(new URL(name, folder), svg);
}

interface Svg {
  rects: Record<string, string>[];
  texts: Record<string, string>[];
}

/** Parses the SVG (throwing if it is not well-formed XML) and lists its rect and text elements. */
function parseSvg(svg: string): Svg {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (_name, _path, _leaf, isAttribute) => !isAttribute });
  const document = parser.parse(svg, true) as { svg: Record<string, unknown>[] };
  const rects: Record<string, string>[] = [];
  const texts: Record<string, string>[] = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [name, value] of Object.entries(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (name === 'rect') rects.push(child as Record<string, string>);
        if (name === 'text') texts.push(child as Record<string, string>);
        visit(child);
      }
    }
  };
  visit(document.svg);
  return { rects, texts };
}

const bars = (svg: Svg) => svg.rects.filter((r) => r['class'] === 'bar');
const textOf = (node: Record<string, unknown>) => {
  const text = node['#text'];
  return String((Array.isArray(text) ? text[0] : text) ?? '');
};

describe('renderGanttSvg', () => {
  const workflow = parseWorkflowJson(readShared('fixtures/topcuoglu2002/workflow.json'));
  const cluster = parseClusterJson(readShared('fixtures/topcuoglu2002/cluster.json'));
  const { assignments } = heftSchedule(workflow, cluster);
  const paperSvg = renderGanttSvg({ processorIds: ['p1', 'p2', 'p3'], assignments, title: 'HEFT, Topcuoglu et al. 2002, Fig. 2', makespan: 80 });

  it('draws one labelled bar per task of the paper example, with a tooltip', () => {
    const svg = parseSvg(paperSvg);
    expect(bars(svg)).toHaveLength(10);
    const labels = svg.texts.filter((t) => t['class'] === 'id').map(textOf);
    expect(labels.sort()).toEqual(workflow.tasks.map((t) => t.id).sort());
    expect((bars(svg)[0]!['title'] as unknown as string[])[0]).toBe('n1 on p3: 0 to 9');
    writeChart('gantt-topcuoglu2002.svg', paperSvg);
  });

  it('labels the rows and the time axis with 1-2-5 ticks', () => {
    const texts = parseSvg(paperSvg).texts;
    expect(texts.filter((t) => t['class'] === 'proc').map(textOf)).toEqual(['p1', 'p2', 'p3']);
    expect(texts.filter((t) => t['class'] === 'axis').map(textOf)).toEqual(['0', '10', '20', '30', '40', '50', '60', '70', '80', 'time']);
  });

  it('escapes ids everywhere', () => {
    const nasty = 'a<b & "c" \'d\'>';
    const svgText = renderGanttSvg(
      { processorIds: ['p<&>"1'], assignments: [{ task: nasty, processor: 'p<&>"1', start: 0, finish: 1000 }], title: '<title> & "more"' },
      { width: 1200 },
    );
    expect(svgText).not.toContain(nasty);
    const svg = parseSvg(svgText);
    expect(textOf(svg.texts.find((t) => t['class'] === 'id')!)).toBe(nasty); // the parser decodes the entities
    expect(escapeXml('x\u0001y')).toBe('x\ufffdy'); // not representable in XML 1.0, even escaped
  });

  it('takes processor and task ids named like Object.prototype members as data, in rows, bars and the legend', () => {
    const processorIds = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    // WfCommons-style ids: types "__proto__" and "constructor" (the part before _ID), so a legend is drawn.
    const assignments: Assignment[] = [
      { task: '__proto___ID0000001', processor: '__proto__', start: 0, finish: 4 },
      { task: 'constructor_ID0000002', processor: 'constructor', start: 4, finish: 6 },
      { task: 'constructor_ID0000003', processor: 'hasOwnProperty', start: 4, finish: 9 },
    ];
    const svg = parseSvg(renderGanttSvg({ processorIds, assignments, makespan: 9 }));
    expect(svg.texts.filter((t) => t['class'] === 'proc').map(textOf)).toEqual(processorIds);
    expect(bars(svg).map((bar) => (bar['title'] as unknown as string[])[0])).toEqual([
      '__proto___ID0000001 on __proto__: 0 to 4',
      'constructor_ID0000002 on constructor: 4 to 6',
      'constructor_ID0000003 on hasOwnProperty: 4 to 9',
    ]);
    // Each bar in the row of its processor: rows are in processorIds order, so "__proto__" is the second row.
    const rowOf = (bar: Record<string, string>) => Number(bar['y']);
    expect(rowOf(bars(svg)[0]!)).toBeGreaterThan(rowOf(bars(svg)[1]!));
    expect(rowOf(bars(svg)[2]!)).toBeGreaterThan(rowOf(bars(svg)[0]!));
    // One colour per type, and the legend names both types.
    expect(bars(svg)[1]!['fill']).toBe(bars(svg)[2]!['fill']);
    expect(bars(svg)[0]!['fill']).not.toBe(bars(svg)[1]!['fill']);
    expect(svg.texts.map(textOf)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    expect(() => renderGanttSvg({ processorIds: ['constructor'], assignments: [{ task: 't', processor: 'toString', start: 0, finish: 1 }] })).toThrow(
      /"toString", which is not in processorIds/,
    );
  });

  it('stays useful and small at 2,000 tasks: bars everywhere, labels only where they fit', () => {
    const big = generateWorkflow({ tasks: 2000, processors: 8, seed: 'gantt' });
    const bigCluster = generateCluster({ processors: 8, seed: 'gantt', speed: [1, 3] });
    const schedule = heftSchedule(big, bigCluster);
    const svgText = renderGanttSvg(
      { processorIds: bigCluster.processors.map((p) => p.id), assignments: schedule.assignments, title: 'HEFT, 2,000 random tasks', makespan: schedule.document.makespan },
      { width: 1600 },
    );
    expect(svgText.length).toBeLessThan(1_000_000);
    const svg = parseSvg(svgText);
    expect(bars(svg)).toHaveLength(2000);
    expect(svg.texts.filter((t) => t['class'] === 'id').length).toBeLessThan(400);
    writeChart('gantt-2000-tasks.svg', svgText);
  });

  it('colours a task by its id, or by its type for WfCommons ids', () => {
    expect(colourOf('mProject_ID0000001')).toBe(colourOf('mProject_ID0000099'));
    expect(colourOf('n1')).toBe(colourOf('n1'));
    expect(new Set(['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map(colourOf)).size).toBeGreaterThan(3);
  });

  it('names the task types in a legend when colours stand for types', () => {
    const assignments = ['mProject_ID01', 'mProject_ID02', 'mDiffFit_ID03', 'mAdd_ID04'].map((task, k) => ({ task, processor: 'p1', start: k, finish: k + 1 }));
    const legend = (svgText: string) => parseSvg(svgText).texts.filter((t) => !t['class']).map(textOf);
    expect(legend(renderGanttSvg({ processorIds: ['p1'], assignments }))).toEqual(['mAdd', 'mDiffFit', 'mProject']);
    expect(legend(paperSvg)).toEqual(['HEFT, Topcuoglu et al. 2002, Fig. 2 · makespan 80']); // the heading alone: no legend
  });

  it('gives the types of a legend distinct colours', () => {
    const types = Array.from({ length: 12 }, (_, k) => `type${k}`);
    const assignments = types.flatMap((type, k) => [1, 2].map((n) => ({ task: `${type}_ID${n}`, processor: 'p1', start: 2 * k + n, finish: 2 * k + n + 1 })));
    const fills = new Set(bars(parseSvg(renderGanttSvg({ processorIds: ['p1'], assignments }))).map((bar) => bar['fill']));
    expect(fills.size).toBe(12);
  });

  it('refuses assignments to processors it does not draw', () => {
    const stray: Assignment[] = [{ task: 'a', processor: 'p9', start: 0, finish: 1 }];
    expect(() => renderGanttSvg({ processorIds: ['p1'], assignments: stray })).toThrow(/task "a" is on "p9", which is not in processorIds/);
    expect(() => renderGanttSvg({ processorIds: ['p1', 'p1'], assignments: [] })).toThrow(/listed twice/);
  });

  it('draws an empty schedule', () => {
    expect(bars(parseSvg(renderGanttSvg({ processorIds: ['p1'], assignments: [] })))).toEqual([]);
  });
});

describe('niceStep', () => {
  it.each([
    [0.7, 1],
    [1, 1],
    [1.2, 2],
    [3, 5],
    [7, 10],
    [12, 20],
    [0.03, 0.05],
    [4500, 5000],
  ])('%d -> %d', (rough, step) => {
    expect(niceStep(rough)).toBeCloseTo(step, 12);
  });
});
