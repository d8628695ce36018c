import type { Assignment } from '@hetsched/core';
import { roundTo } from '@hetsched/core';

export interface GanttInput {
  /** One row per processor, in this order. */
  processorIds: readonly string[];
  assignments: readonly Assignment[];
  title?: string;
  /** Marked with a dashed line; the time axis reaches at least this far. */
  makespan?: number;
}

export interface GanttOptions {
  /** Width of the picture in pixels; default 1000. */
  width?: number;
  /** Height of a processor row in pixels; default between 12 and 32, smaller for many processors. */
  rowHeight?: number;
}

/**
 * Colours for bars: ColorBrewer's Set3, twelve light colours made to be told apart, with dark labels readable on
 * each. A bar's colour is chosen by a hash, so it never depends on the order of the assignments: the same task
 * (or task type) looks the same in every chart.
 */
const PALETTE = ['#8dd3c7', '#ffffb3', '#bebada', '#fb8072', '#80b1d3', '#fdb462', '#b3de69', '#fccde5', '#d9d9d9', '#bc80bd', '#ccebc5', '#ffed6f'];
const FONT_SIZE = 12;
/** Average glyph width of a sans-serif font, as a share of the font size: enough to decide whether a label fits. */
const GLYPH_WIDTH = 0.62;
const MARGIN = { top: 12, right: 24, bottom: 36, left: 12 };
const TITLE_HEIGHT = 24;
/** Aim for a tick about every this many pixels. */
const TICK_SPACING = 90;
const LEGEND_ROW_HEIGHT = 18;

/**
 * A Gantt chart of a schedule as a standalone SVG document: processors as labelled rows, tasks as bars (labelled
 * with their id when it fits, always with a tooltip), a time axis with 1-2-5 ticks. Bars are coloured by the task
 * id, or by its type for WfCommons ids such as `mProject_ID0000012` (the part before `_ID`), so one kind of task
 * has one colour; a legend names the types when there are a few. Size grows linearly: about 135 bytes per task.
 */
export function renderGanttSvg(input: GanttInput, options: GanttOptions = {}): string {
  const layout = chartLayout(input, options);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="${FONT_SIZE}">`,
    '<style>.bar{stroke:#000;stroke-opacity:.35;stroke-width:.5}.id{fill:#111;text-anchor:middle}.tick{stroke:#ddd}.axis{fill:#444;text-anchor:middle;font-size:11px}.proc{fill:#222;text-anchor:end}</style>',
    `<rect width="${layout.width}" height="${layout.height}" fill="#fff"/>`,
  ];
  drawHeading(parts, input, layout);
  drawRows(parts, input.processorIds, layout);
  drawTimeAxis(parts, layout);
  drawBars(parts, input.assignments, layout);
  drawLegend(parts, layout);
  if (input.makespan !== undefined) {
    const markX = px(layout.x(input.makespan));
    parts.push(`<line x1="${markX}" y1="${layout.plotTop - 4}" x2="${markX}" y2="${layout.plotTop + layout.plotHeight}" stroke="#c0392b" stroke-dasharray="4 3"/>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** Where everything goes, from the input (checked here) and the options. */
interface Layout {
  width: number;
  height: number;
  rowHeight: number;
  rowOf: ReadonlyMap<string, number>;
  labelWidth: number;
  plotLeft: number;
  plotWidth: number;
  plotTop: number;
  plotHeight: number;
  begin: number;
  end: number;
  /** Pixel position of a time. */
  x: (time: number) => number;
  /** Task types for the legend, in alphabetical order; empty when the colours stand for single tasks. */
  legend: string[];
  legendTop: number;
  /** The fill of a task's bar. */
  colour: (taskId: string) => string;
}

function chartLayout(input: GanttInput, options: GanttOptions): Layout {
  const rowOf = new Map<string, number>();
  input.processorIds.forEach((id, row) => {
    if (rowOf.has(id)) throw new RangeError(`renderGanttSvg: processor "${id}" is listed twice`);
    rowOf.set(id, row);
  });
  if (rowOf.size === 0) throw new RangeError('renderGanttSvg: processorIds is empty');
  const width = options.width ?? 1000;
  if (!(Number.isFinite(width) && width >= 200)) throw new RangeError(`renderGanttSvg: width must be at least 200, got ${width}`);
  const rowHeight = options.rowHeight ?? Math.max(12, Math.min(32, Math.floor(480 / rowOf.size)));
  if (!(Number.isFinite(rowHeight) && rowHeight >= 4)) throw new RangeError(`renderGanttSvg: rowHeight must be at least 4, got ${rowHeight}`);

  let begin = 0;
  let end = input.makespan ?? 0;
  const types = new Set<string>();
  for (const a of input.assignments) {
    if (!rowOf.has(a.processor)) throw new RangeError(`renderGanttSvg: task "${a.task}" is on "${a.processor}", which is not in processorIds`);
    if (!(Number.isFinite(a.start) && Number.isFinite(a.finish))) throw new RangeError(`renderGanttSvg: task "${a.task}" has times [${a.start}, ${a.finish}]`);
    begin = Math.min(begin, a.start);
    end = Math.max(end, a.finish);
    if (types.size <= PALETTE.length) types.add(colourKey(a.task));
  }
  if (end <= begin) end = begin + 1;
  // A legend only when colours stand for a few types, not for single tasks.
  const legend = types.size <= PALETTE.length && types.size < input.assignments.length ? [...types].sort() : [];

  const longestId = Math.max(...input.processorIds.map((id) => id.length));
  const labelWidth = Math.min(160, Math.max(40, Math.ceil(longestId * FONT_SIZE * GLYPH_WIDTH) + 12));
  const plotLeft = MARGIN.left + labelWidth;
  const plotWidth = width - plotLeft - MARGIN.right;
  const plotTop = MARGIN.top + (input.title !== undefined || input.makespan !== undefined ? TITLE_HEIGHT : 0);
  const plotHeight = rowOf.size * rowHeight;
  const legendTop = plotTop + plotHeight + MARGIN.bottom + 6;
  const legendHeight = legend.length === 0 ? 0 : legendRows(legend, plotWidth).length * LEGEND_ROW_HEIGHT + 8;
  return {
    width,
    height: legendTop + legendHeight,
    rowHeight,
    rowOf,
    labelWidth,
    plotLeft,
    plotWidth,
    plotTop,
    plotHeight,
    begin,
    end,
    x: (time) => plotLeft + ((time - begin) / (end - begin)) * plotWidth,
    legend,
    legendTop,
    colour: legend.length === 0 ? colourOf : distinctColours(legend),
  };
}

function drawHeading(parts: string[], input: GanttInput, layout: Layout): void {
  const makespan = input.makespan === undefined ? undefined : `makespan ${formatNumber(input.makespan)}`;
  const heading = [input.title, makespan].filter(Boolean).join(' · ');
  if (heading) parts.push(`<text x="${layout.plotLeft}" y="${MARGIN.top + 14}" font-size="14" font-weight="bold">${escapeXml(heading)}</text>`);
}

/** Row stripes and processor labels (shortened when long, the full id in a tooltip). */
function drawRows(parts: string[], processorIds: readonly string[], layout: Layout): void {
  const { plotLeft, plotTop, plotWidth, rowHeight, labelWidth } = layout;
  const fontSize = Math.min(FONT_SIZE, rowHeight - 2);
  parts.push('<g>');
  processorIds.forEach((id, row) => {
    const top = plotTop + row * rowHeight;
    if (row % 2 === 1) parts.push(`<rect x="${plotLeft}" y="${top}" width="${px(plotWidth)}" height="${rowHeight}" fill="#f4f6f8"/>`);
    const label = fitText(id, labelWidth - 12, fontSize);
    parts.push(
      `<text class="proc" x="${plotLeft - 8}" y="${px(top + rowHeight / 2 + fontSize * 0.35)}" font-size="${fontSize}">${escapeXml(label)}<title>${escapeXml(id)}</title></text>`,
    );
  });
  parts.push('</g>');
}

/** Grid lines and tick labels at 1-2-5 steps, about every TICK_SPACING pixels. */
function drawTimeAxis(parts: string[], layout: Layout): void {
  const { begin, end, plotTop, plotHeight, plotLeft, plotWidth } = layout;
  const step = niceStep((end - begin) / Math.max(2, Math.floor(plotWidth / TICK_SPACING)));
  parts.push('<g>');
  for (let k = Math.ceil(begin / step); k * step <= end + step * 1e-9; k++) {
    const time = Number((k * step).toPrecision(12));
    const tickX = px(layout.x(time));
    parts.push(`<line class="tick" x1="${tickX}" y1="${plotTop}" x2="${tickX}" y2="${plotTop + plotHeight + 4}"/>`);
    parts.push(`<text class="axis" x="${tickX}" y="${plotTop + plotHeight + 17}">${formatNumber(time)}</text>`);
  }
  parts.push(`<text class="axis" x="${px(plotLeft + plotWidth / 2)}" y="${plotTop + plotHeight + 32}">time</text>`);
  parts.push('</g>');
}

/** One bar per assignment with a tooltip; the id inside only where it fits, so thousands of bars stay legible. */
function drawBars(parts: string[], assignments: readonly Assignment[], layout: Layout): void {
  const { plotTop, rowHeight, rowOf } = layout;
  const barHeight = Math.max(2, rowHeight - 4);
  const fontSize = Math.min(11, barHeight - 2);
  parts.push('<g>');
  for (const a of assignments) {
    const left = layout.x(a.start);
    const barWidth = Math.max(0.5, layout.x(a.finish) - left);
    const top = plotTop + rowOf.get(a.processor)! * rowHeight + (rowHeight - barHeight) / 2;
    const tooltip = `${a.task} on ${a.processor}: ${formatNumber(a.start)} to ${formatNumber(a.finish)}`;
    parts.push(
      `<rect class="bar" x="${px(left)}" y="${px(top)}" width="${px(barWidth)}" height="${barHeight}" fill="${layout.colour(a.task)}"><title>${escapeXml(tooltip)}</title></rect>`,
    );
    if (fontSize >= 7 && a.task.length * fontSize * GLYPH_WIDTH + 4 <= barWidth) {
      parts.push(
        `<text class="id" x="${px(left + barWidth / 2)}" y="${px(top + barHeight / 2 + fontSize * 0.35)}" font-size="${fontSize}">${escapeXml(a.task)}</text>`,
      );
    }
  }
  parts.push('</g>');
}

/** A swatch and a name per task type, in rows as wide as the plot. */
function drawLegend(parts: string[], layout: Layout): void {
  if (layout.legend.length === 0) return;
  parts.push('<g class="legend">');
  legendRows(layout.legend, layout.plotWidth).forEach((row, r) => {
    const y = layout.legendTop + r * LEGEND_ROW_HEIGHT;
    let x = layout.plotLeft;
    for (const type of row) {
      parts.push(`<rect x="${px(x)}" y="${y}" width="12" height="12" fill="${layout.colour(type)}" stroke="#666" stroke-width=".5"/>`);
      parts.push(`<text x="${px(x + 16)}" y="${y + 10}" font-size="11">${escapeXml(type)}</text>`);
      x += legendItemWidth(type);
    }
  });
  parts.push('</g>');
}

/** The legend's types split into rows that fit `width`. */
function legendRows(types: readonly string[], width: number): string[][] {
  const rows: string[][] = [[]];
  let used = 0;
  for (const type of types) {
    const itemWidth = legendItemWidth(type);
    if (used + itemWidth > width && rows.at(-1)!.length > 0) {
      rows.push([]);
      used = 0;
    }
    rows.at(-1)!.push(type);
    used += itemWidth;
  }
  return rows;
}

function legendItemWidth(type: string): number {
  return 16 + type.length * 11 * GLYPH_WIDTH + 18;
}

/** A step of 1, 2 or 5 times a power of ten, the smallest at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / magnitude;
  const factor = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
  return factor * magnitude;
}

/** XML-escapes text and attribute values; characters XML 1.0 cannot carry at all become U+FFFD. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
  const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
  return text.replace(forbidden, '\ufffd').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** The palette colour of a task: WfCommons-style ids (`<type>_ID<number>`) are coloured by their type. */
export function colourOf(taskId: string): string {
  return PALETTE[paletteSlot(colourKey(taskId))]!;
}

/**
 * Colours for a legend's types (at most one per palette colour): each type gets its hashed colour, or the next
 * free one when another type has it, so a legend never shows two types in one colour.
 */
function distinctColours(types: readonly string[]): (taskId: string) => string {
  const taken = new Set<number>();
  const colourByType = new Map<string, string>();
  for (const type of types) {
    let slot = paletteSlot(type);
    while (taken.has(slot)) slot = (slot + 1) % PALETTE.length;
    taken.add(slot);
    colourByType.set(type, PALETTE[slot]!);
  }
  return (taskId) => colourByType.get(colourKey(taskId)) ?? colourOf(taskId);
}

/** FNV-1a hash of the key, onto the palette. */
function paletteSlot(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % PALETTE.length;
}

/** What a task's colour depends on: its type for a WfCommons-style id (`mProject_ID0000012` -> `mProject`), else the id. */
function colourKey(taskId: string): string {
  return taskId.replace(/_ID\d+$/, '');
}

/** Shortens text with an ellipsis to fit `width` pixels at `fontSize`. */
function fitText(text: string, width: number, fontSize: number): string {
  const fits = Math.max(1, Math.floor(width / (fontSize * GLYPH_WIDTH)));
  return text.length <= fits ? text : `${text.slice(0, Math.max(1, fits - 1))}…`;
}

/** Pixel coordinates with two decimals: sharper is invisible and only makes the file bigger. */
function px(value: number): number {
  return roundTo(value, 2);
}

function formatNumber(value: number): string {
  return String(roundTo(value, 4));
}
