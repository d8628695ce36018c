import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findShapeViolation, type ShapeLimits } from './operation-shape.js';

const limits: ShapeLimits = { maxAliases: 5, maxRepeatedField: 3, maxFields: 40 };
const check = (query: string, using: ShapeLimits = limits) => {
  const document = parse(query);
  return findShapeViolation(document, getOperationAST(document)!, using);
};

describe('findShapeViolation', () => {
  it('lets ordinary queries through', () => {
    expect(check('{ a: workflows { edges { node { id name } } } b: clusters { edges { node { id } } } }')).toBeUndefined();
  });

  it('refuses an alias bomb, counting aliases through fragments', () => {
    // With a repetition limit this low the bomb's one field would be refused first: test the alias count alone.
    const aliasesOnly = { ...limits, maxRepeatedField: 100 };
    expect(check(`{ ${Array.from({ length: 6 }, (_, i) => `w${i}: viewer { name }`).join(' ')} }`, aliasesOnly)?.code).toBe('TOO_MANY_ALIASES');
    expect(check(`{ ${Array.from({ length: 6 }, (_, i) => `w${i}: viewer { name }`).join(' ')} }`)?.code).toBe('REPEATED_FIELD');
    const viaFragment = 'query { ...F ...G } fragment F on Query { a1: viewer { name } a2: viewer { name } a3: viewer { name } } fragment G on Query { b1: viewer { name } b2: viewer { name } b3: viewer { name } }';
    expect(check(viaFragment, aliasesOnly)?.code).toBe('TOO_MANY_ALIASES');
  });

  it('refuses a field repeated in one selection set, also when merged from fragments, and allows it in different sets', () => {
    expect(check('{ viewer { name name name name } }')).toMatchObject({ code: 'REPEATED_FIELD', message: 'field "name" is selected more than 3 times in one selection set' });
    expect(check('query { viewer { name ...N ...M } } fragment N on Viewer { name } fragment M on Viewer { name name }')?.code).toBe('REPEATED_FIELD');
    expect(check('{ a: viewer { name } b: viewer { name } c: viewer { name } }')).toBeUndefined();
  });

  it('refuses fragments that multiply (each spreading the next twice), without expanding them all', () => {
    const levels = 20; // 2^20 fields once expanded
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Viewer { ${i === levels - 1 ? 'name' : `...F${i + 1} ...F${i + 1}`} }`).join(' ');
    expect(check(`query { viewer { ...F0 } } ${fragments}`)?.code).toBe('REPEATED_FIELD');
    // The same growth over different fields (aliases, each once) ends at the total field count.
    const spread = Array.from({ length: levels }, (_, i) => `fragment S${i} on Query { ${i === levels - 1 ? 'viewer { name }' : `x${i}: viewer { ...S${i + 1}V } y${i}: viewer { ...S${i + 1}V }`} }`);
    expect(spread.length).toBe(levels);
    const tree = `query { ...T0 } ${Array.from({ length: 12 }, (_, i) => `fragment T${i} on Query { ${i === 11 ? 'viewer { name }' : `...T${i + 1} ...T${i + 1}`} }`).join(' ')}`;
    expect(check(tree)?.code).toMatch(/REPEATED_FIELD|TOO_MANY_FIELDS/);
  });
});
