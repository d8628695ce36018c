import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Introspection's standard query nests `ofType` seven levels deep under `__schema { types { fields { type ... } } }`
 * (13 levels in all), so introspection gets its own, fixed allowance instead of raising the limit for everyone.
 */
export const INTROSPECTION_MAX_DEPTH = 16;

export interface DepthViolation {
  depth: number;
  limit: number;
  /** The field where the limit was first passed, as `workflows.edges.node...`. */
  path: string;
}

/**
 * How deep an operation's selections go, following fragments (named and inline), e.g. `{ a { b } }` is 2. Stops at
 * the first field past the limit: a hostile query can be arbitrarily deep, and the answer is already known there.
 * Fragment cycles are refused by graphql's own validation before this runs; a fragment is still never entered twice
 * on one path, so this terminates on any input.
 */
export function findDepthViolation(document: DocumentNode, operation: OperationDefinitionNode, maxDepth: number): DepthViolation | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }

  const visit = (selectionSet: SelectionSetNode, depth: number, limit: number, path: string[], entered: Set<string>): DepthViolation | undefined => {
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD: {
          const name = selection.name.value;
          const fieldLimit = depth === 0 && (name === '__schema' || name === '__type') ? INTROSPECTION_MAX_DEPTH : limit;
          const fieldPath = [...path, selection.alias?.value ?? name];
          if (depth + 1 > fieldLimit) return { depth: depth + 1, limit: fieldLimit, path: fieldPath.join('.') };
          if (selection.selectionSet) {
            const found = visit(selection.selectionSet, depth + 1, fieldLimit, fieldPath, entered);
            if (found) return found;
          }
          break;
        }
        case Kind.INLINE_FRAGMENT: {
          const found = visit(selection.selectionSet, depth, limit, path, entered);
          if (found) return found;
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || entered.has(name)) break;
          entered.add(name);
          const found = visit(fragment.selectionSet, depth, limit, path, entered);
          entered.delete(name);
          if (found) return found;
          break;
        }
      }
    }
    return undefined;
  };

  return visit(operation.selectionSet, 0, maxDepth, [], new Set());
}
