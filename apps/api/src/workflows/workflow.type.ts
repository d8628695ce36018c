import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Cluster } from '../clusters/cluster.type.js';
import { DateTime } from '../common/scalars.js';

@ObjectType({ simpleResolvers: true, description: "A task's execution time on one processor, overriding `work / speed` there." })
export class TaskCost {
  @Field(() => ID)
  processor!: string;

  @Field(() => Float)
  time!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A task of a workflow (the native format, docs/formats.md).' })
export class Task {
  @Field(() => ID)
  id!: string;

  @Field(() => Float, { nullable: true, description: 'Abstract work: the time on a processor is work / speed unless `costs` names it.' })
  work!: number | null;

  @Field(() => [TaskCost], { description: 'Explicit execution times per processor.' })
  costs!: TaskCost[];

  @Field(() => Float, { nullable: true })
  memoryGb!: number | null;

  @Field(() => Float, { nullable: true })
  priority!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A data dependency: `to` starts after `from` finishes and its data has arrived.' })
export class TaskDependency {
  @Field(() => ID)
  from!: string;

  @Field(() => ID)
  to!: string;

  @Field(() => Float, { description: 'Data volume sent from `from` to `to` (0 when the document gave none).' })
  data!: number;
}

/**
 * A stored workflow. The summary fields come from the list row; `document`, `tasks` and `edges` load the full
 * document (one batched read per request, whatever asks for it) and cost more in the complexity estimate.
 */
@ObjectType({ simpleResolvers: true, description: 'A stored workflow DAG.' })
export class Workflow {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String, { description: 'SHA-256 of the canonical document: equal for documents that differ only in key order.' })
  contentHash!: string;

  @Field(() => Int)
  taskCount!: number;

  @Field(() => Int)
  edgeCount!: number;

  @Field(() => DateTime)
  createdAt!: Date;
}

@ObjectType({ simpleResolvers: true })
export class WorkflowConnection extends ConnectionType(Workflow, 'Workflow') {}

@ObjectType({ simpleResolvers: true })
export class SubmitWorkflowPayload {
  @Field(() => Workflow)
  workflow!: Workflow;

  @Field(() => Boolean, { description: 'False when an earlier submission with the same idempotencyKey is returned instead.' })
  created!: boolean;

  @Field(() => [String], { description: 'Lossy but valid conversions made while importing a WfFormat or DAX document.' })
  warnings!: string[];

  @Field(() => Cluster, {
    nullable: true,
    description: 'For a WfFormat trace that lists its machines: those machines, stored as a cluster to schedule on.',
  })
  traceCluster!: Cluster | null;
}
