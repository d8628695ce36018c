import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { request, resetSocket, setUnauthenticatedHandler, type ApiError } from '../api/client.js';
import { ViewerQuery } from '../api/operations.js';
import { AdminPage } from '../pages/AdminPage.js';
import { ClusterPage } from '../pages/ClusterPage.js';
import { ClustersPage } from '../pages/ClustersPage.js';
import { ComparePage } from '../pages/ComparePage.js';
import { RunPage } from '../pages/RunPage.js';
import { RunsPage } from '../pages/RunsPage.js';
import { SchedulePage } from '../pages/SchedulePage.js';
import { SignInPage } from '../pages/SignInPage.js';
import { WorkflowPage } from '../pages/WorkflowPage.js';
import { WorkflowsPage } from '../pages/WorkflowsPage.js';
import { Link, matchPath, navigate, useLocation } from './router.js';
import { ViewerContext, type Viewer } from './role.js';
import { roleIncludes, storedToken, storeToken } from './session.js';

type SessionState = { kind: 'checking' } | { kind: 'signed-out'; reason?: string } | { kind: 'signed-in'; viewer: Viewer };

/** The console: sign-in, then the pages for the token's role. */
export function App() {
  const [session, setSession] = useState<SessionState>(() => (storedToken() ? { kind: 'checking' } : { kind: 'signed-out' }));
  const signOut = useCallback((reason?: string) => {
    storeToken(null);
    resetSocket();
    setSession({ kind: 'signed-out', ...(reason ? { reason } : {}) });
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => signOut('The API refused the token (unknown or revoked): sign in again.'));
    const token = storedToken();
    if (!token) return;
    request(ViewerQuery, {}).then(
      ({ viewer }) => setSession({ kind: 'signed-in', viewer }),
      (error: ApiError) => (error.code === 'UNAUTHENTICATED' ? signOut('The stored token is no longer valid: sign in again.') : setSession({ kind: 'signed-out', reason: error.message })),
    );
  }, [signOut]);

  if (session.kind === 'checking') return <p className="muted page">Checking the token…</p>;
  if (session.kind === 'signed-out') {
    return (
      <SignInPage
        reason={session.reason}
        onSignedIn={(token, viewer) => {
          storeToken(token);
          resetSocket();
          setSession({ kind: 'signed-in', viewer });
        }}
      />
    );
  }
  return (
    <ViewerContext.Provider value={session.viewer}>
      <Shell viewer={session.viewer} onSignOut={() => signOut()} />
    </ViewerContext.Provider>
  );
}

function Shell({ viewer, onSignOut }: { viewer: Viewer; onSignOut(): void }) {
  const { path } = useLocation();
  const submitter = roleIncludes(viewer.role, 'SUBMITTER');
  const admin = roleIncludes(viewer.role, 'ADMIN');
  const links: [string, string, boolean][] = [
    ['/workflows', 'Workflows', true],
    ['/clusters', 'Clusters', true],
    ['/schedule', 'Schedule', submitter],
    ['/runs', 'Runs', true],
    ['/compare', 'Compare', true],
    ['/admin', 'Admin', admin],
  ];
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/workflows" className="brand">
          hetsched
        </Link>
        <nav>
          {links
            .filter(([, , shown]) => shown)
            .map(([to, label]) => (
              <Link key={to} to={to} className={path.startsWith(to) ? 'active' : ''} data-testid={`nav-${label.toLowerCase()}`}>
                {label}
              </Link>
            ))}
          <a href="/graphiql" data-testid="nav-graphiql">
            GraphiQL
          </a>
        </nav>
        <div className="who" data-testid="viewer">
          <span>{viewer.name}</span> <span className={`role role-${viewer.role.toLowerCase()}`} data-testid="role">{viewer.role}</span>
          <button type="button" className="secondary small" onClick={onSignOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <main className="page">
        <Routes path={path} />
      </main>
    </div>
  );
}

/** Navigates once mounted: a redirect during render would update the router's state while React renders. */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Routes({ path }: { path: string }) {
  const routes: [string, (params: Record<string, string>) => ReactNode][] = [
    ['/workflows', () => <WorkflowsPage />],
    ['/workflows/:id', ({ id }) => <WorkflowPage id={id!} />],
    ['/clusters', () => <ClustersPage />],
    ['/clusters/:id', ({ id }) => <ClusterPage id={id!} />],
    ['/schedule', () => <SchedulePage />],
    ['/runs', () => <RunsPage />],
    ['/runs/:id', ({ id }) => <RunPage id={id!} />],
    ['/compare', () => <ComparePage />],
    ['/admin', () => <AdminPage />],
  ];
  if (path === '/' || path === '') return <Redirect to="/workflows" />;
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, path);
    if (params) return <>{render(params)}</>;
  }
  return (
    <div className="card">
      <h2>Not found</h2>
      <p>
        No page at <code>{path}</code>. <Link to="/workflows">Workflows</Link>
      </p>
    </div>
  );
}
