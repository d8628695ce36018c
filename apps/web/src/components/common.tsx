import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.js';

/** An API error as one line, with its code. */
export function ErrorBox({ error, title }: { error: ApiError | Error | undefined | null; title?: string }) {
  if (!error) return null;
  const code = 'code' in error ? (error as ApiError).code : undefined;
  return (
    <div className="error" role="alert" data-testid="error">
      {title ? <strong>{title}: </strong> : null}
      {error.message}
      {code ? <span className="code"> ({code})</span> : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`status status-${status.toLowerCase()}`} data-testid="status">
      {status}
    </span>
  );
}

export function Loading({ what }: { what?: string }) {
  return <p className="muted">Loading{what ? ` ${what}` : ''}…</p>;
}

export function LoadMore({ hasNextPage, loading, onClick }: { hasNextPage: boolean; loading: boolean; onClick(): void }) {
  if (!hasNextPage) return <p className="muted small">End of the list.</p>;
  return (
    <button type="button" className="secondary" disabled={loading} onClick={onClick} data-testid="load-more">
      {loading ? 'Loading…' : 'Load more'}
    </button>
  );
}

export function Section({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="card" data-testid={testId}>
      <header className="card-header">
        <h2>{title}</h2>
        {actions ? <div className="actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** A file picker whose text is read in the browser (documents go to the API as text). */
export function FilePicker({ label, accept, onText, testId }: { label: string; accept: string; onText(text: string, name: string): void; testId?: string }) {
  return (
    <label className="file">
      <span>{label}</span>
      <input
        type="file"
        accept={accept}
        data-testid={testId}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void file.text().then((text) => onText(text, file.name));
          event.target.value = '';
        }}
      />
    </label>
  );
}

/** Saves text as a file through a blob URL (no server round trip; allowed by the console's CSP). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
