import { errorAt, type IssueCollector, type IssueIds } from './issue-collector.js';
import { jsonPath } from './json-path.js';

/**
 * The deepest a value may lie below a document's root, counted in the steps of its JSON path: `$.tasks[0].extra`
 * is 3 steps down. Documents keep whatever extra fields users put in them, and the store, the content hash and
 * JSON.stringify walk those values recursively: 64 levels is far more than any real document uses and far less
 * than what would exhaust a call stack (several thousand levels).
 */
export const MAX_NESTING_DEPTH = 64;

/** Where an object of a document sits: its JSON path, how many steps that path has, and whose it is. */
export interface ObjectPlace extends IssueIds {
  path: string;
  depth: number;
  owner?: string;
}

/**
 * Checks the fields of `object` that the format does not define (extra fields, kept as they are) for values
 * nested deeper than MAX_NESTING_DEPTH. The defined fields have fixed shapes that their own checks enforce.
 */
export function checkExtraFields(issues: IssueCollector, object: Record<string, unknown>, known: ReadonlySet<string>, place: ObjectPlace): void {
  for (const key of Object.keys(object)) {
    if (known.has(key)) continue;
    const value = object[key];
    if (typeof value === 'object' && value !== null) {
      checkNesting(issues, value, { ...place, path: jsonPath(place.path, key), depth: place.depth + 1 });
    }
  }
}

/** A container met in the walk: where it hangs (for the path of an error) and how deep it lies. */
interface Node {
  value: object;
  depth: number;
  parent: number;
  key: string | number;
}

/**
 * Records an error at the first value inside `value` (which lies `place.depth` steps down at `place.path`) that
 * lies more than MAX_NESTING_DEPTH steps below the root. Depth-first with an explicit stack, since a recursive
 * walk would overflow the call stack on the very documents it must refuse; paths are built only for the error,
 * from parent links. O(size of the value) time and memory.
 */
export function checkNesting(issues: IssueCollector, value: object, place: ObjectPlace): boolean {
  const nodes: Node[] = [{ value, depth: place.depth, parent: -1, key: '' }];
  const stack = [0];
  while (stack.length > 0) {
    const index = stack.pop()!;
    const node = nodes[index]!;
    const children: [string | number, unknown][] = Array.isArray(node.value)
      ? node.value.map((child, i) => [i, child])
      : Object.keys(node.value).map((key) => [key, (node.value as Record<string, unknown>)[key]]);
    if (children.length > 0 && node.depth >= MAX_NESTING_DEPTH) {
      const path = pathOf(nodes, index, place.path, children[0]![0]);
      errorAt(issues, { ...place, path }, `lies ${node.depth + 1} levels deep: a document may nest at most ${MAX_NESTING_DEPTH} levels of objects and arrays`);
      return false;
    }
    // Pushed in reverse, so that the walk meets children in document order and reports the first one too deep.
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, child] = children[i]!;
      if (typeof child !== 'object' || child === null) continue;
      stack.push(nodes.length);
      nodes.push({ value: child, depth: node.depth + 1, parent: index, key });
    }
  }
  return true;
}

function pathOf(nodes: readonly Node[], index: number, base: string, lastKey: string | number): string {
  const keys: (string | number)[] = [lastKey];
  for (let i = index; nodes[i]!.parent !== -1; i = nodes[i]!.parent) keys.push(nodes[i]!.key);
  return keys.reverse().reduce<string>((path, key) => jsonPath(path, key), base);
}
