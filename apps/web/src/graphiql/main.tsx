import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { StrictMode, useMemo, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '../graphiql.css';
import { storedToken, storeToken } from '../app/session.js';

const DEFAULT_QUERY = `# hetsched's GraphQL API (docs/api.md). Your token is sent as the Authorization header,
# and over graphql-ws for subscriptions. The schema is under the book icon (Docs).
{
  viewer {
    name
    role
  }
}
`;

/**
 * GraphiQL on the API's own origin: queries over HTTP with the token as a header, subscriptions over graphql-ws
 * on /graphql with the token in connectionParams, schema docs from introspection. The token is the console's
 * (sessionStorage); without one, this page asks for it.
 */
function Ide({ token, onSignOut }: { token: string; onSignOut(): void }) {
  const fetcher = useMemo(() => {
    const url = `${location.origin}/graphql`;
    const wsClient = createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
    });
    return createGraphiQLFetcher({ url, headers: { authorization: `Bearer ${token}` }, wsClient });
  }, [token]);
  return (
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false}>
      <GraphiQL.Logo>
        <a href="/" className="graphiql-home">
          hetsched
        </a>{' '}
        <button type="button" className="graphiql-sign-out" onClick={onSignOut}>
          sign out
        </button>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

function TokenForm({ onToken }: { onToken(token: string): void }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onToken(token.trim());
  };
  return (
    <form className="graphiql-token" onSubmit={submit}>
      <h1>hetsched GraphiQL</h1>
      <p>Every request needs an API token (sent as the Authorization header). It is kept in this tab only.</p>
      <input type="password" placeholder="hs_…" value={token} onChange={(e) => setToken(e.target.value)} aria-label="API token" data-testid="graphiql-token" />
      <button type="submit">Open GraphiQL</button>
      <p>
        <a href="/">back to the console</a>
      </p>
    </form>
  );
}

function Page() {
  const [token, setToken] = useState(storedToken);
  if (!token) {
    return (
      <TokenForm
        onToken={(t) => {
          storeToken(t);
          setToken(t);
        }}
      />
    );
  }
  return (
    <Ide
      token={token}
      onSignOut={() => {
        storeToken(null);
        setToken(null);
      }}
    />
  );
}

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
