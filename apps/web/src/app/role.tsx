import { createContext, useContext } from 'react';
import { roleIncludes, type Role } from './session.js';

export interface Viewer {
  name: string;
  role: Role;
}

export const ViewerContext = createContext<Viewer | null>(null);

/** Whether the signed-in token's role includes `needed`: pages hide what the API would refuse. */
export function useCan(needed: Role): boolean {
  return roleIncludes(useContext(ViewerContext)?.role, needed);
}
