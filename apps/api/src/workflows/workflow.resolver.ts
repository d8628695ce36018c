import type { WorkflowSpec } from '@hetsched/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../common/role.js';
import { connectionComplexity, PageArgs } from '../common/pagination.js';
import { JSONObject } from '../common/scalars.js';
import type { ApiContext } from '../common/context.js';
import type { ClusterSummary, StorePage, WorkflowSummary } from '../store/api-store.js';
import { GenerateWorkflowInput, GenerateWorkflowPayload } from './workflow-generate.input.js';
import { SubmitWorkflowInput, WorkflowFilter } from './workflow.input.js';
import { SubmitWorkflowPayload, Task, TaskDependency, Workflow, WorkflowConnection } from './workflow.type.js';
import { toTasks, toDependencies, type WorkflowService } from './workflow.service.js';

/** Loading a whole document costs about as much as a page of summaries. */
const DOCUMENT_COMPLEXITY = 50;

@Resolver(() => Workflow)
export class WorkflowResolver {
  constructor(private readonly workflowService: WorkflowService) {}

  @Authorized(Role.READER)
  @Query(() => Workflow, { description: 'A stored workflow; NOT_FOUND when there is none with that id.' })
  workflow(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<WorkflowSummary> {
    return this.workflowService.get(id, context.loaders);
  }

  @Authorized(Role.READER)
  @Query(() => WorkflowConnection, { complexity: connectionComplexity, description: 'Stored workflows, newest first.' })
  workflows(
    @Arg('filter', () => WorkflowFilter, { nullable: true }) filter: WorkflowFilter | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<StorePage<WorkflowSummary>> {
    return this.workflowService.list(filter ?? {}, page);
  }

  @Authorized(Role.SUBMITTER)
  @Mutation(() => SubmitWorkflowPayload, {
    description: 'Stores a workflow given as structured input or as a document (native JSON, WfFormat, DAX), after validating it.',
  })
  submitWorkflow(@Arg('input', () => SubmitWorkflowInput) input: SubmitWorkflowInput): Promise<SubmitWorkflowPayload> {
    return this.workflowService.submit(input);
  }

  @Authorized(Role.SUBMITTER)
  @Mutation(() => GenerateWorkflowPayload, {
    description:
      'Generates a random workflow with the HEFT paper parameters (Topcuoglu, Hariri & Wu 2002, §5.1) for a stored cluster or a new random one, and stores it (and the new cluster). Parameters out of bounds fail with BAD_USER_INPUT naming the field, and nothing is stored.',
  })
  generateWorkflow(
    @Arg('input', () => GenerateWorkflowInput) input: GenerateWorkflowInput,
    @Ctx() context: ApiContext,
  ): Promise<{ workflow: WorkflowSummary; cluster: ClusterSummary }> {
    return this.workflowService.generate(input, context.loaders);
  }

  @Authorized(Role.SUBMITTER)
  @Mutation(() => ID, { description: 'Deletes a workflow and its runs; returns its id. NOT_FOUND when there is none.' })
  deleteWorkflow(@Arg('id', () => ID) id: string): Promise<string> {
    return this.workflowService.delete(id);
  }

  @FieldResolver(() => JSONObject, { complexity: DOCUMENT_COMPLEXITY, description: 'The whole native document (docs/formats.md).' })
  document(@Root() workflow: WorkflowSummary, @Ctx() context: ApiContext): Promise<WorkflowSpec> {
    context.work.charge(workflow.taskCount + workflow.edgeCount, `workflow ${workflow.id}'s document`);
    return this.workflowService.document(workflow.id, context.loaders);
  }

  @FieldResolver(() => [Task], { complexity: DOCUMENT_COMPLEXITY })
  async tasks(@Root() workflow: WorkflowSummary, @Ctx() context: ApiContext): Promise<Task[]> {
    context.work.charge(workflow.taskCount, `workflow ${workflow.id}'s tasks`);
    return toTasks(await this.workflowService.document(workflow.id, context.loaders));
  }

  @FieldResolver(() => [TaskDependency], { complexity: DOCUMENT_COMPLEXITY })
  async edges(@Root() workflow: WorkflowSummary, @Ctx() context: ApiContext): Promise<TaskDependency[]> {
    context.work.charge(workflow.edgeCount, `workflow ${workflow.id}'s edges`);
    return toDependencies(await this.workflowService.document(workflow.id, context.loaders));
  }
}
