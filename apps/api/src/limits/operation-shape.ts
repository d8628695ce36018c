import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface ShapeLimits {
  /** Most aliased fields in one operation, fragments expanded (an alias bomb asks for one field hundreds of times). */
  maxAliases: number;
  /** Most times one field name may be selected in one selection set, aliased or not. */
  maxRepeatedField: number;
  /** Most fields in the operation with every fragment expanded (fragments that spread each other twice grow 2^n). */
  maxFields: number;
}

export interface ShapeViolation {
  code: 'TOO_MANY_ALIASES' | 'REPEATED_FIELD' | 'TOO_MANY_FIELDS';
  message: string;
}

/**
 * Checks an operation's shape before graphql-js validates it: validation (overlapping-field merging in
 * particular) costs quadratic time in repeated and aliased fields, so a hostile query must be refused before it.
 * Walks the selections with fragments expanded, counting as it goes and stopping at the first limit passed:
 * O(min(expanded size, maxFields)) whatever the input.
 */
export function findShapeViolation(document: DocumentNode, operation: OperationDefinitionNode, limits: ShapeLimits): ShapeViolation | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  let aliases = 0;
  let fields = 0;

  /** Counts the fields of one selection set (and its fragments) by name; recurses into sub-selections. */
  const visit = (selectionSet: SelectionSetNode, names: Map<string, number>, entered: Set<string>): ShapeViolation | undefined => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        fields++;
        if (fields > limits.maxFields) return { code: 'TOO_MANY_FIELDS', message: `the operation selects more than ${limits.maxFields} fields (fragments expanded)` };
        if (selection.alias) {
          aliases++;
          if (aliases > limits.maxAliases) return { code: 'TOO_MANY_ALIASES', message: `the operation uses more than ${limits.maxAliases} aliases` };
        }
        const name = selection.name.value;
        const times = (names.get(name) ?? 0) + 1;
        names.set(name, times);
        if (times > limits.maxRepeatedField) {
          return { code: 'REPEATED_FIELD', message: `field "${name}" is selected more than ${limits.maxRepeatedField} times in one selection set` };
        }
        if (selection.selectionSet) {
          const inner = visit(selection.selectionSet, new Map(), entered);
          if (inner) return inner;
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = visit(selection.selectionSet, names, entered);
        if (inner) return inner;
      } else {
        const fragment = fragments.get(selection.name.value);
        // An unknown or cyclic fragment is validation's to report; here it is simply not followed.
        if (!fragment || entered.has(fragment.name.value)) continue;
        entered.add(fragment.name.value);
        const inner = visit(fragment.selectionSet, names, entered);
        entered.delete(fragment.name.value);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return visit(operation.selectionSet, new Map(), new Set());
}
