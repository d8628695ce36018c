import { Field, Float, ID, InputType, registerEnumType } from 'type-graphql';

export enum WorkflowFormat {
  NATIVE = 'NATIVE',
  WFFORMAT = 'WFFORMAT',
  DAX = 'DAX',
}

registerEnumType(WorkflowFormat, {
  name: 'WorkflowFormat',
  description: 'The format of a workflow `document`.',
  valuesConfig: {
    NATIVE: { description: 'hetsched JSON (docs/formats.md): { name?, tasks: [...], edges: [...] }.' },
    WFFORMAT: { description: 'A WfCommons WfFormat trace (JSON, 1.0-1.5); its machines become a cluster.' },
    DAX: { description: 'A Pegasus DAX (XML, 2.1).' },
  },
});

@InputType()
export class TaskCostInput {
  @Field(() => ID)
  processor!: string;

  @Field(() => Float)
  time!: number;
}

@InputType({ description: 'A task, as in the native document.' })
export class TaskInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Float, { nullable: true })
  work?: number | null;

  @Field(() => [TaskCostInput], { nullable: true })
  costs?: TaskCostInput[] | null;

  @Field(() => Float, { nullable: true })
  memoryGb?: number | null;

  @Field(() => Float, { nullable: true })
  priority?: number | null;
}

@InputType()
export class TaskDependencyInput {
  @Field(() => ID)
  from!: string;

  @Field(() => ID)
  to!: string;

  @Field(() => Float, { nullable: true })
  data?: number | null;
}

@InputType({ description: 'A workflow as structured input: the native document, field for field.' })
export class WorkflowInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [TaskInput])
  tasks!: TaskInput[];

  @Field(() => [TaskDependencyInput])
  edges!: TaskDependencyInput[];
}

@InputType({ description: 'Give exactly one of `workflow` (structured) or `document` (text in `format`).' })
export class SubmitWorkflowInput {
  @Field(() => WorkflowInput, { nullable: true })
  workflow?: WorkflowInput | null;

  @Field(() => String, { nullable: true, description: 'The document as text: native JSON, a WfFormat trace or a DAX, per `format`.' })
  document?: string | null;

  @Field(() => WorkflowFormat, { defaultValue: WorkflowFormat.NATIVE })
  format!: WorkflowFormat;

  @Field(() => String, { nullable: true, description: "Overrides the document's name." })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Retrying a submission with the same key returns the workflow the first one created (created: false) instead of a duplicate.',
  })
  idempotencyKey?: string | null;
}

@InputType()
export class WorkflowFilter {
  @Field(() => String, { nullable: true, description: 'Workflows carrying this tag.' })
  tag?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  nameContains?: string | null;
}
