import { registerEnumType } from 'type-graphql';

/** API token roles, each including the ones before it: reader < submitter < admin. */
export enum Role {
  READER = 'READER',
  SUBMITTER = 'SUBMITTER',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What an API token may do. Each role includes the ones before it: READER < SUBMITTER < ADMIN.',
  valuesConfig: {
    READER: { description: 'Read workflows, clusters, schedulers and runs.' },
    SUBMITTER: { description: 'Also submit and delete workflows, create clusters, and schedule.' },
    ADMIN: { description: 'Also create API tokens.' },
  },
});

const RANK: Readonly<Record<Role, number>> = { READER: 1, SUBMITTER: 2, ADMIN: 3 };

/** Whether a token of role `granted` may do what needs `needed`. */
export function includesRole(granted: Role, needed: Role): boolean {
  return RANK[granted] >= RANK[needed];
}

export function parseRole(text: string): Role | undefined {
  const upper = text.toUpperCase();
  return upper in RANK ? (upper as Role) : undefined;
}
