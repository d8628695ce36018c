import { Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType()
export class ProcessorInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Float, { nullable: true })
  speed?: number | null;

  @Field(() => Int, { nullable: true })
  cores?: number | null;

  @Field(() => Float, { nullable: true })
  memoryGb?: number | null;

  @Field(() => String, { nullable: true })
  type?: string | null;
}

@InputType()
export class LinkInput {
  @Field(() => [ID], { description: 'The two processors the link joins.' })
  between!: string[];

  @Field(() => Float, { nullable: true })
  bandwidth?: number | null;

  @Field(() => Float, { nullable: true })
  latency?: number | null;
}

@InputType()
export class NetworkInput {
  @Field(() => Float, { nullable: true })
  bandwidth?: number | null;

  @Field(() => Float, { nullable: true })
  latency?: number | null;

  @Field(() => [LinkInput], { nullable: true })
  links?: LinkInput[] | null;
}

@InputType({ description: 'A cluster as structured input: the native document, field for field.' })
export class ClusterInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [ProcessorInput])
  processors!: ProcessorInput[];

  @Field(() => NetworkInput, { nullable: true })
  network?: NetworkInput | null;
}

@InputType({ description: 'Give exactly one of `cluster` (structured) or `document` (native cluster JSON as text).' })
export class CreateClusterInput {
  @Field(() => ClusterInput, { nullable: true })
  cluster?: ClusterInput | null;

  @Field(() => String, { nullable: true })
  document?: string | null;

  @Field(() => String, { nullable: true, description: "Overrides the document's name." })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@InputType()
export class ClusterFilter {
  @Field(() => String, { nullable: true, description: 'Clusters carrying this tag.' })
  tag?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  nameContains?: string | null;
}
