import { InvalidCursorError, type ListFilter, type StorePage } from '../store/api-store.js';
import { BadUserInputError } from './errors.js';

export function listFilter(filter: { tag?: string | null; nameContains?: string | null }): ListFilter {
  return {
    ...(filter.tag ? { tag: filter.tag } : {}),
    ...(filter.nameContains ? { nameContains: filter.nameContains } : {}),
  };
}

/** A store list call, with a cursor that is not one of the list's reported as the client's mistake. */
export async function listPage<T>(list: () => Promise<StorePage<T>>): Promise<StorePage<T>> {
  try {
    return await list();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new BadUserInputError('after: not a cursor of this list (pass pageInfo.endCursor of a page of the same query)', [], { field: 'after' });
    }
    throw error;
  }
}
