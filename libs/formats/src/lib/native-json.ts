import { parseCluster, parseWorkflow, ValidationError, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { jsonSyntaxErrorOffset } from './json-syntax-error.js';
import { formatPosition, LineIndex } from './text-position.js';

/**
 * Reads a native workflow document (docs/formats.md). Throws a ValidationError listing every problem: a syntax
 * error with its line and column, or else every structural and graph problem with its JSON path.
 *
 * @param source names the document in error messages ("invalid montage.json: $.tasks[3].work: ...").
 */
export function parseWorkflowJson(text: string, source = 'workflow'): WorkflowSpec {
  return parseWorkflow(parseJsonText(text, source), source);
}

/** Reads a native cluster document; errors as for `parseWorkflowJson`. */
export function parseClusterJson(text: string, source = 'cluster'): ClusterSpec {
  return parseCluster(parseJsonText(text, source), source);
}

/**
 * JSON.parse whose syntax errors become a ValidationError with the path `line L, column C` and the parser's own
 * words. A leading byte-order mark, which some Windows editors write, is skipped.
 */
export function parseJsonText(text: string, source = 'JSON document'): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const offset = jsonSyntaxErrorOffset(json);
    const path = offset === undefined ? '$' : formatPosition(new LineIndex(json).positionAt(offset));
    throw new ValidationError([{ severity: 'error', path, message: parserMessage(error) }], source, { cause: error });
  }
}

/**
 * V8's message without what the path already says: "... in JSON at position 7 (line 1 column 8)" and
 * `..., "<the document, or its start>"... is not valid JSON` (which can quote megabytes, line breaks included),
 * on one line.
 */
function parserMessage(error: SyntaxError): string {
  const message = error.message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/\s+/g, ' ');
  return message || 'not valid JSON';
}
