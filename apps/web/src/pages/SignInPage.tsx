import { useState, type FormEvent } from 'react';
import { request, type ApiError } from '../api/client.js';
import { ViewerQuery } from '../api/operations.js';
import type { Viewer } from '../app/role.js';

/** Sign in with an API token (docs/api.md#authentication-and-roles); the token stays in this tab only. */
export function SignInPage({ reason, onSignedIn }: { reason?: string | undefined; onSignedIn(token: string, viewer: Viewer): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { viewer } = await request(ViewerQuery, {}, token.trim());
      onSignedIn(token.trim(), viewer);
    } catch (failure) {
      setError((failure as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sign-in">
      <form className="card" onSubmit={(e) => void submit(e)} data-testid="sign-in">
        <h1>hetsched</h1>
        <p>Schedule workflow DAGs on heterogeneous clusters. Sign in with an API token.</p>
        {reason ? <p className="notice">{reason}</p> : null}
        <label htmlFor="token">API token</label>
        <input id="token" type="password" autoComplete="off" placeholder="hs_…" value={token} onChange={(e) => setToken(e.target.value)} data-testid="token" />
        <button type="submit" disabled={busy || token.trim() === ''} data-testid="sign-in-button">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="muted small">
          The server prints an admin token on its first start (or set <code>HETSCHED_ADMIN_TOKEN</code>); admins create more under Admin. The token is kept in
          this tab&apos;s session storage only.
        </p>
      </form>
    </div>
  );
}
