import { getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findDepthViolation, INTROSPECTION_MAX_DEPTH } from './query-depth.js';

function violation(query: string, maxDepth: number) {
  const document = parse(query);
  return findDepthViolation(document, getOperationAST(document)!, maxDepth);
}

/** `{ a { a { ... { leaf } } } }` with `levels` fields on the path. */
function nested(levels: number): string {
  return '{ ' + 'a { '.repeat(levels - 1) + 'leaf' + ' }'.repeat(levels - 1) + ' }';
}

describe('findDepthViolation', () => {
  it('accepts a query at the limit and names the first field past it', () => {
    expect(violation(nested(12), 12)).toBeUndefined();
    expect(violation(nested(13), 12)).toEqual({ depth: 13, limit: 12, path: 'a.a.a.a.a.a.a.a.a.a.a.a.leaf' });
  });

  it('follows named and inline fragments, and reports aliases as the client wrote them', () => {
    const query = `
      query { deep: a { ...F } }
      fragment F on T { b { ... on T { c { d } } } }`;
    expect(violation(query, 4)).toBeUndefined();
    expect(violation(query, 3)).toEqual({ depth: 4, limit: 3, path: 'deep.b.c.d' });
  });

  it('terminates on fragment cycles (graphql validation reports them; this must not loop first)', () => {
    const query = 'query { a { ...F } } fragment F on T { b { ...F } }';
    expect(violation(query, 12)).toBeUndefined();
  });

  it('gives introspection its own allowance: the standard introspection query passes at depth 12', () => {
    expect(violation(getIntrospectionQuery(), 12)).toBeUndefined();
    const tooDeep = `{ __schema { types { ${'fields { type { '.repeat(8)} name ${'} } '.repeat(8)} } } }`;
    expect(violation(tooDeep, 12)?.limit).toBe(INTROSPECTION_MAX_DEPTH);
  });
});
