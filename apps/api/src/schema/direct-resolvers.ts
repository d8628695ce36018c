import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { ResolverContainer } from './build-schema.js';

/** A field as `Type.field`, e.g. `ScheduleRun.workflow`. */
export type FieldCoordinate = `${string}.${string}`;

type ParamKind = 'root' | 'context';

/**
 * Lets the named field resolvers of `schema` call their method directly instead of through type-graphql's wrapper,
 * which, for every value, builds a resolver-data object, sorts and maps the parameter metadata, checks each for a
 * promise and runs the (empty) middleware chain: a history page of 50 runs pays that 100 times for the names of
 * its workflows and clusters. Only a field resolver with nothing for the wrapper to do qualifies: no `@Authorized`
 * roles, no middlewares (the schema is built without global ones), and parameters that are `@Root()` (the whole
 * root, of no declared class: type-graphql passes an ordinary object as it is) or `@Ctx()` (the whole context).
 * Anything else is refused at start-up, loudly, so that a later `@Authorized` on such a field cannot be skipped.
 * Only resolver-class field resolvers (`@Resolver(() => T)` with `@FieldResolver`) are handled, on the instance
 * the container holds, as type-graphql calls them.
 * Must run before any operation is compiled (the compiled executor reads each field's `resolve` when compiling).
 */
export function useDirectResolvers(schema: GraphQLSchema, container: ResolverContainer, fields: readonly FieldCoordinate[]): void {
  for (const coordinate of fields) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`direct resolvers: no field ${coordinate} in the schema`);
    field.resolve = directResolver(coordinate, typeName, fieldName, container);
  }
}

function directResolver(coordinate: string, typeName: string, fieldName: string, container: ResolverContainer): GraphQLFieldResolver<unknown, unknown> {
  const storage = getMetadataStorage();
  const metadata = storage.fieldResolvers.find(
    (resolver) => resolver.kind === 'external' && resolver.schemaName === fieldName && resolver.getObjectType?.()?.name === typeName,
  );
  if (!metadata) throw new Error(`direct resolvers: ${coordinate} has no type-graphql field resolver`);
  // Filled in by buildSchema: the field's and its resolver class's @Authorized roles and @UseMiddleware lists.
  if (metadata.roles !== undefined || (metadata.middlewares?.length ?? 0) > 0) {
    throw new Error(`direct resolvers: ${coordinate} has roles or middlewares, which only type-graphql's resolver applies`);
  }
  const kinds = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index).map((param): ParamKind => {
    if (param.kind === 'root' && param.propertyName === undefined && (param.getType === undefined || param.getType() === Object)) return 'root';
    if (param.kind === 'context' && param.propertyName === undefined) return 'context';
    throw new Error(`direct resolvers: ${coordinate} takes a ${param.kind} parameter that only type-graphql's resolver converts`);
  });
  const instance = container.get(metadata.target as abstract new (...args: never[]) => object) as Record<string, (...args: unknown[]) => unknown>;
  const method = instance[metadata.methodName];
  if (typeof method !== 'function') throw new Error(`direct resolvers: ${coordinate}'s method ${metadata.methodName} is missing`);
  if (kinds.length === 2 && kinds[0] === 'root' && kinds[1] === 'context') return (root, _args, context) => method.call(instance, root, context);
  return (root, _args, context) => method.apply(instance, kinds.map((kind) => (kind === 'root' ? root : context)));
}
