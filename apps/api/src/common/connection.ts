import { Field, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './pagination.js';

// Every object type of the schema is declared with `simpleResolvers: true`: its plain fields resolve by property
// access (graphql's default resolver) instead of through type-graphql's per-field middleware wrapper. Nothing is
// lost: roles are checked on the root fields, and @FieldResolver methods keep their own resolvers. A history page
// resolves a few hundred fields, so this is measurable.

/**
 * A Relay connection type for a node type: `<Name>Connection { edges { cursor node } pageInfo }` with its
 * `<Name>Edge`. Use as `@ObjectType() class WorkflowConnection extends ConnectionType(Workflow, 'Workflow') {}`.
 */
export function ConnectionType<TNode extends object>(nodeType: ClassType<TNode>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String, { description: 'Opaque; pass it as `after` to continue after this edge.' })
    cursor!: string;

    @Field(() => nodeType)
    node!: TNode;
  }

  // Not referenced by any field itself, so type-graphql 2 does not emit it: only the subclasses are types.
  @ObjectType({ simpleResolvers: true })
  abstract class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }

  return Connection;
}
