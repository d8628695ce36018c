import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DateTime, JSONObject } from '../common/scalars.js';
import { RunStatus } from '../common/run.type.js';

export enum ScheduleRunOrderField {
  CREATED_AT = 'CREATED_AT',
  MAKESPAN = 'MAKESPAN',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(ScheduleRunOrderField, { name: 'ScheduleRunOrderField' });
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType({ description: 'All given conditions must hold.' })
export class ScheduleRunFilter {
  @Field(() => ID, { nullable: true })
  workflowId?: string | null;

  @Field(() => ID, { nullable: true })
  clusterId?: string | null;

  @Field(() => String, { nullable: true })
  scheduler?: string | null;

  @Field(() => RunStatus, { nullable: true })
  status?: RunStatus | null;

  @Field(() => DateTime, { nullable: true, description: 'Runs created after this instant.' })
  createdAfter?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Runs created before this instant.' })
  createdBefore?: Date | null;
}

@InputType({ description: 'Ties are broken by id, so that pages never overlap or skip.' })
export class ScheduleRunOrder {
  @Field(() => ScheduleRunOrderField, { defaultValue: ScheduleRunOrderField.CREATED_AT })
  field!: ScheduleRunOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  direction!: OrderDirection;
}

@InputType()
export class SchedulerSelection {
  @Field(() => String)
  scheduler!: string;

  @Field(() => JSONObject, { nullable: true })
  options?: Record<string, unknown> | null;
}
