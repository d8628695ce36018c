import type { Assignment } from '@hetsched/core';
import { roundTo } from './numbers.js';

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
 * Colours for bars, light enough for dark labels and distinct side by side. A bar's colour is chosen by a hash,
 * so it never depends on the order of the assignments: the same task looks the same in every chart.
 */
const PALETTE = [
  '#8ecae6', '#ffb703', '#a7c957', '#f4a261', '#cdb4db', '#90be6d', '#f9c74f', '#e5989b',
  '#84a59d', '#ffafcc', '#bde0fe', '#c9ada7', '#e9c46a', '#99d98c', '#d4a373', '#a0c4ff',
];
const FONT_SIZE = 12;
/** Average glyph width of a sans-serif font, as a share of the font size: enough to decide whether a label fits. */
const GLYPH_WIDTH = 0.62;
const MARGIN = { top: 12, right: 24, bottom: 36, left: 12 };
const TITLE_HEIGHT = 24;
/** Aim for a tick about every this many pixels. */
const TICK_SPACING = 90;

/**
 * A Gantt chart of a schedule as a standalone SVG document: processors as labelled rows, tasks as bars (labelled
 * with their id when it fits, always with a tooltip), a time axis with 1-2-5 ticks. Bars are coloured by the task
 * id, or by its type for WfCommons ids such as `mProject_ID0000012` (the part before `_ID`), so one kind of task
 * has one colour. Size grows linearly: about 130 bytes per task.
 */
export function renderGanttSvg(input: GanttInput, options: GanttOptions = {}): string {
  const rowOf = new Map<string, number>();
  input.processorIds.forEach((id, row) => {
    if (rowOf.has(id)) throw new RangeError(`renderGanttSvg: processor "${id}" is listed twice`);
    rowOf.set(id, row);
  });
  if (rowOf.size === 0) throw new RangeError('renderGanttSvg: processorIds is empty');
  const width = options.width ?? 1000;
  if (!(Number.isFinite(width) && width >= 200)) throw new RangeError(`renderGanttSvg: width must be at least 200, got ${width}`);
  const rows = rowOf.size;
  const rowHeight = options.rowHeight ?? Math.max(12, Math.min(32, Math.floor(480 / rows)));
  if (!(Number.isFinite(rowHeight) && rowHeight >= 4)) throw new RangeError(`renderGanttSvg: rowHeight must be at least 4, got ${rowHeight}`);

  let begin = 0;
  let end = input.makespan ?? 0;
  for (const a of input.assignments) {
    if (!rowOf.has(a.processor)) throw new RangeError(`renderGanttSvg: task "${a.task}" is on "${a.processor}", which is not in processorIds`);
    if (!(Number.isFinite(a.start) && Number.isFinite(a.finish))) throw new RangeError(`renderGanttSvg: task "${a.task}" has times [${a.start}, ${a.finish}]`);
    begin = Math.min(begin, a.start);
    end = Math.max(end, a.finish);
  }
  if (end <= begin) end = begin + 1;

  const longestId = Math.max(...input.processorIds.map((id) => id.length));
  const labelWidth = Math.min(160, Math.max(40, Math.ceil(longestId * FONT_SIZE * GLYPH_WIDTH) + 12));
  const plotLeft = MARGIN.left + labelWidth;
  const plotWidth = width - plotLeft - MARGIN.right;
  const header = input.title !== undefined || input.makespan !== undefined ? TITLE_HEIGHT : 0;
  const plotTop = MARGIN.top + header;
  const plotHeight = rows * rowHeight;
  const height = plotTop + plotHeight + MARGIN.bottom;
  const x = (time: number) => plotLeft + ((time - begin) / (end - begin)) * plotWidth;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="${FONT_SIZE}">`,
    '<style>.bar{stroke:#000;stroke-opacity:.35;stroke-width:.5}.id{fill:#111;text-anchor:middle}.tick{stroke:#ddd}.axis{fill:#444;text-anchor:middle;font-size:11px}.proc{fill:#222;text-anchor:end}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  if (header > 0) {
    const makespan = input.makespan === undefined ? '' : `makespan ${formatNumber(input.makespan)}`;
    const heading = [input.title, makespan].filter(Boolean).join(' · ');
    parts.push(`<text x="${plotLeft}" y="${MARGIN.top + 14}" font-size="14" font-weight="bold">${escapeXml(heading)}</text>`);
  }

  // Row stripes and processor labels.
  parts.push('<g>');
  input.processorIds.forEach((id, row) => {
    const top = plotTop + row * rowHeight;
    if (row % 2 === 1) parts.push(`<rect x="${plotLeft}" y="${top}" width="${px(plotWidth)}" height="${rowHeight}" fill="#f4f6f8"/>`);
    const label = fitText(id, labelWidth - 12, Math.min(FONT_SIZE, rowHeight - 2));
    parts.push(
      `<text class="proc" x="${plotLeft - 8}" y="${px(top + rowHeight / 2 + Math.min(FONT_SIZE, rowHeight - 2) * 0.35)}" font-size="${Math.min(FONT_SIZE, rowHeight - 2)}">${escapeXml(label)}<title>${escapeXml(id)}</title></text>`,
    );
  });
  parts.push('</g>');

  // Time axis: grid lines and tick labels.
  parts.push('<g>');
  const step = niceStep((end - begin) / Math.max(2, Math.floor(plotWidth / TICK_SPACING)));
  for (let k = Math.ceil(begin / step); k * step <= end + step * 1e-9; k++) {
    const time = Number((k * step).toPrecision(12));
    const tickX = px(x(time));
    parts.push(`<line class="tick" x1="${tickX}" y1="${plotTop}" x2="${tickX}" y2="${plotTop + plotHeight + 4}"/>`);
    parts.push(`<text class="axis" x="${tickX}" y="${plotTop + plotHeight + 17}">${formatNumber(time)}</text>`);
  }
  parts.push(`<text class="axis" x="${px(plotLeft + plotWidth / 2)}" y="${plotTop + plotHeight + 32}">time</text>`);
  parts.push('</g>');

  // Bars, then labels where they fit.
  const barHeight = Math.max(2, rowHeight - 4);
  const idFontSize = Math.min(11, barHeight - 2);
  parts.push('<g>');
  for (const a of input.assignments) {
    const left = x(a.start);
    const barWidth = Math.max(0.5, x(a.finish) - left);
    const top = plotTop + rowOf.get(a.processor)! * rowHeight + (rowHeight - barHeight) / 2;
    const tooltip = `${a.task} on ${a.processor}: ${formatNumber(a.start)} to ${formatNumber(a.finish)}`;
    parts.push(
      `<rect class="bar" x="${px(left)}" y="${px(top)}" width="${px(barWidth)}" height="${barHeight}" fill="${colourOf(a.task)}"><title>${escapeXml(tooltip)}</title></rect>`,
    );
    if (idFontSize >= 7 && a.task.length * idFontSize * GLYPH_WIDTH + 4 <= barWidth) {
      parts.push(
        `<text class="id" x="${px(left + barWidth / 2)}" y="${px(top + barHeight / 2 + idFontSize * 0.35)}" font-size="${idFontSize}">${escapeXml(a.task)}</text>`,
      );
    }
  }
  parts.push('</g>');

  if (input.makespan !== undefined) {
    const markX = px(x(input.makespan));
    parts.push(`<line x1="${markX}" y1="${plotTop - 4}" x2="${markX}" y2="${plotTop + plotHeight}" stroke="#c0392b" stroke-dasharray="4 3"/>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
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
  const key = taskId.replace(/_ID\d+$/, '');
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return PALETTE[(hash >>> 0) % PALETTE.length]!;
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
