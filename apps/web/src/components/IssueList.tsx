import { useMemo } from 'react';
import { placeIssues, type DocumentFormat, type Issue } from '../lib/issues.js';

const CONTEXT_LINES = 1;
const MAX_SHOWN = 100;

/**
 * A document's validation issues where they belong: each with its line (and the document's text around it) and
 * the task or processor it concerns. `total` is the API's issueCount when it sent only the first 100.
 */
export function IssueList({ issues, text, format, total }: { issues: readonly Issue[]; text?: string; format: DocumentFormat; total?: number }) {
  const placed = useMemo(() => placeIssues(issues, text ?? '', format), [issues, text, format]);
  const lines = useMemo(() => (text ? text.split('\n') : []), [text]);
  return (
    <div className="issues" data-testid="issues">
      <p>
        <strong>{total ?? issues.length}</strong> problem{(total ?? issues.length) === 1 ? '' : 's'} in the document
        {total !== undefined && total > issues.length ? ` (the first ${issues.length} shown)` : ''}:
      </p>
      <ol>
        {placed.slice(0, MAX_SHOWN).map((issue, i) => (
          <li key={i} className={`issue issue-${issue.severity}`} data-testid="issue" data-line={issue.line ?? ''} data-task={issue.taskId ?? ''}>
            <div className="issue-head">
              {issue.line !== undefined ? <span className="badge">line {issue.line}</span> : null}
              {issue.taskId ? <span className="badge task">task {issue.taskId}</span> : null}
              {issue.processorId ? <span className="badge">processor {issue.processorId}</span> : null}
              <code className="muted small">{issue.path}</code>
            </div>
            <div className="issue-message">{issue.message}</div>
            {issue.line !== undefined && lines.length > 0 ? <Excerpt lines={lines} line={issue.line} /> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Excerpt({ lines, line }: { lines: string[]; line: number }) {
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  const shown = [];
  for (let n = first; n <= last; n++) {
    const content = lines[n - 1]!;
    shown.push(
      <div key={n} className={n === line ? 'excerpt-line marked' : 'excerpt-line'}>
        <span className="line-number">{n}</span>
        <span>{content.length > 160 ? `${content.slice(0, 160)}…` : content}</span>
      </div>,
    );
  }
  return <pre className="excerpt">{shown}</pre>;
}
