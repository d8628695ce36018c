import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client on an API's /graphql, authenticated with the token in connectionParams. */
export function subscriptionClient(httpUrl: string, token: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * The values of one subscription until it completes, or until `stopAfter` says so (then it is unsubscribed, as a
 * client that goes away would be). Rejects on a GraphQL or socket error.
 */
export function collectSubscription<T>(client: Client, query: string, variables: Record<string, unknown>, stopAfter?: (value: T, all: T[]) => boolean): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const values: T[] = [];
    let done = false;
    const dispose = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result) => {
          if (done) return;
          if (result.errors?.length) {
            done = true;
            reject(new Error(result.errors.map((e) => e.message).join('; ')));
            return;
          }
          const value = Object.values(result.data!)[0]!;
          values.push(value);
          if (stopAfter?.(value, values)) {
            done = true;
            dispose();
            resolve(values);
          }
        },
        error: (error) => {
          if (!done) reject(error instanceof Error ? error : new Error(`subscription closed: ${JSON.stringify(error)}`));
          done = true;
        },
        complete: () => {
          if (!done) resolve(values);
          done = true;
        },
      },
    );
  });
}
