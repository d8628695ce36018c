import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { BadUserInputError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
/**
 * The largest page a client may ask for. Unbounded pages are how history queries time out (dagster#16993): a
 * client that wants everything pages through it with `after`.
 */
export const MAX_PAGE_SIZE = 100;

@ObjectType({ simpleResolvers: true, description: 'Where a page ends and whether another follows (Relay cursor connections).' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'The cursor of the last edge; pass it as `after` for the next page. Null on an empty page.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size: 1 to ${MAX_PAGE_SIZE}.` })
  first!: number;

  @Field(() => String, { nullable: true, description: "An edge's cursor (`pageInfo.endCursor`): the page starts after it." })
  after?: string | null;
}

/** The page size asked for, refused with a message that says the limit when it is out of range. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`, [], { field: 'first' });
  }
  return size;
}

/** What a service returns for one page; the connection types below give it its GraphQL shape. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/**
 * Connection cost for graphql-query-complexity: each requested item costs its selection, so `first: 100` of a
 * heavy node costs 100 times that node. `childComplexity` covers `edges { node }` and `pageInfo` alike; the
 * over-count for pageInfo is one field per item, which is harmless.
 */
export function connectionComplexity({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number {
  const first = typeof args['first'] === 'number' ? args['first'] : DEFAULT_PAGE_SIZE;
  return 1 + Math.max(1, first) * childComplexity;
}
