/**
 * Validation issues of an uploaded document, placed where the user can see them: at a line of the document (JSON
 * paths are looked up in the text, DAX and syntax errors carry their line) and with the task they concern.
 * The issues are the API's `extensions.issues` of a BAD_USER_INPUT error (apps/api/src/common/errors.ts).
 */
export interface Issue {
  severity: 'error' | 'warning';
  path: string;
  message: string;
  taskId?: string;
  processorId?: string;
}

export type DocumentFormat = 'NATIVE' | 'WFFORMAT' | 'DAX';

/**
 * The format of a workflow document from its text: XML is a Pegasus DAX; a JSON object with `workflow` or
 * `schemaVersion` is a WfCommons WfFormat trace; anything else is sent as native JSON (whose parser then reports
 * a syntax error with its line and column).
 */
export function detectFormat(text: string): DocumentFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'DAX';
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && ('workflow' in parsed || 'schemaVersion' in parsed)) return 'WFFORMAT';
  } catch {
    // Not JSON: the server says where.
  }
  return 'NATIVE';
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** core's jsonPath: `$.tasks` + 3 -> `$.tasks[3]`, + "p-1" -> `$.x["p-1"]`. */
function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return IDENTIFIER.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/**
 * The 1-based line where each value of a JSON text starts, by JSON path. One pass over the text with a stack of
 * open containers: O(length). Stops quietly at the first syntax fault (the paths seen so far stay).
 */
export function jsonPathLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: { path: string; index: number; isArray: boolean; key?: string }[] = [];
  let line = 1;
  let expectingValue = true;
  const valuePath = () => {
    const top = stack[stack.length - 1];
    if (!top) return '$';
    return top.isArray ? childPath(top.path, top.index) : childPath(top.path, top.key ?? '');
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    else if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) break;
      const value = safeParse(text.slice(i, end + 1));
      const top = stack[stack.length - 1];
      if (top && !top.isArray && !expectingValue) top.key = value;
      else lines.set(valuePath(), line);
      i = end;
    } else if (c === ':') expectingValue = true;
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.isArray) top.index++;
      expectingValue = !!top?.isArray;
    } else if (c === '{' || c === '[') {
      const path = valuePath();
      lines.set(path, line);
      stack.push({ path, index: 0, isArray: c === '[' });
      expectingValue = c === '[';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectingValue = false;
    } else if (!/\s/.test(c) && expectingValue) {
      lines.set(valuePath(), line);
      while (i + 1 < text.length && /[^\s,\]}]/.test(text[i + 1]!)) i++;
      expectingValue = false;
    }
  }
  return lines;
}

function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}

function safeParse(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}

/**
 * The line an issue concerns: a `line L, column C` path (syntax errors), a "(line L)" in the message (DAX), or
 * the JSON path looked up in `lines`, walking up to the nearest enclosing value the text has (an issue about a
 * missing member points at its object). Undefined when nothing places it.
 */
export function issueLine(issue: Issue, lines: Map<string, number> | undefined): number | undefined {
  const position = /^line (\d+)/.exec(issue.path);
  if (position) return Number(position[1]);
  const inMessage = /\(line (\d+)\)/.exec(issue.message);
  if (inMessage) return Number(inMessage[1]);
  if (!lines || !issue.path.startsWith('$')) return undefined;
  for (let path = issue.path; path.length > 0; path = parentPath(path)) {
    const line = lines.get(path);
    if (line !== undefined) return line;
    if (path === '$') break;
  }
  return undefined;
}

/** `$.tasks[3].costs.p2` -> `$.tasks[3].costs` -> `$.tasks[3]` -> `$.tasks` -> `$`. */
export function parentPath(path: string): string {
  const match = /(\.[A-Za-z_$][A-Za-z0-9_$]*|\[(\d+|"(?:[^"\\]|\\.)*")\])$/.exec(path);
  return match ? path.slice(0, match.index) : '$';
}

export interface PlacedIssue extends Issue {
  line?: number;
}

/** Issues with their lines, ordered by line (unplaced ones last), as the upload form lists them. */
export function placeIssues(issues: readonly Issue[], text: string, format: DocumentFormat): PlacedIssue[] {
  const lines = format === 'DAX' ? undefined : jsonPathLines(text);
  const placed = issues.map((issue): PlacedIssue => {
    const line = issueLine(issue, lines);
    return line === undefined ? { ...issue } : { ...issue, line };
  });
  return placed.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}
