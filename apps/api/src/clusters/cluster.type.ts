import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { DateTime } from '../common/scalars.js';

@ObjectType({ simpleResolvers: true, description: 'A processor of a cluster (the native format, docs/formats.md).' })
export class Processor {
  @Field(() => ID)
  id!: string;

  @Field(() => Float, { description: 'Relative speed (1 when the document gave none).' })
  speed!: number;

  @Field(() => Int, { nullable: true })
  cores!: number | null;

  @Field(() => Float, { nullable: true })
  memoryGb!: number | null;

  @Field(() => String, { nullable: true })
  type!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Bandwidth and latency between two processors, overriding the network defaults (symmetric).' })
export class Link {
  @Field(() => [ID])
  between!: string[];

  @Field(() => Float, { nullable: true })
  bandwidth!: number | null;

  @Field(() => Float, { nullable: true })
  latency!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class Network {
  @Field(() => Float, { description: 'Default bandwidth between two distinct processors (1 when the document gave none).' })
  bandwidth!: number;

  @Field(() => Float, { description: 'Default latency between two distinct processors (0 when the document gave none).' })
  latency!: number;

  @Field(() => [Link])
  links!: Link[];
}

@ObjectType({ simpleResolvers: true, description: 'A stored cluster of heterogeneous processors.' })
export class Cluster {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String)
  contentHash!: string;

  @Field(() => Int)
  processorCount!: number;

  @Field(() => Int)
  linkCount!: number;

  @Field(() => DateTime)
  createdAt!: Date;
}

@ObjectType({ simpleResolvers: true })
export class ClusterConnection extends ConnectionType(Cluster, 'Cluster') {}
