import { Field, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './pagination.js';

/**
 * A Relay connection type for a node type: `<Name>Connection { edges { cursor node } pageInfo }` with its
 * `<Name>Edge`. Use as `@ObjectType() class WorkflowConnection extends ConnectionType(Workflow, 'Workflow') {}`.
 */
export function ConnectionType<TNode extends object>(nodeType: ClassType<TNode>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String, { description: 'Opaque; pass it as `after` to continue after this edge.' })
    cursor!: string;

    @Field(() => nodeType)
    node!: TNode;
  }

  // Not referenced by any field itself, so type-graphql 2 does not emit it: only the subclasses are types.
  @ObjectType()
  abstract class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }

  return Connection;
}
