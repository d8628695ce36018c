import type { Role } from './role.js';

/** Who is calling: the API token the request presented, once verified. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}
