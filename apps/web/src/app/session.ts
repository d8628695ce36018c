/**
 * The API token of this browser tab, kept in sessionStorage: it survives reloads (a GA run's page can be reloaded
 * mid-run) but not the tab, and GraphiQL on the same origin reads it too. The role comes from `viewer { role }`.
 */
export type Role = 'READER' | 'SUBMITTER' | 'ADMIN';

const TOKEN_KEY = 'hetsched.token';
const RANK: Record<Role, number> = { READER: 0, SUBMITTER: 1, ADMIN: 2 };

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

/** Whether a role includes another (READER < SUBMITTER < ADMIN), as the API's checks do. */
export function roleIncludes(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}
