import { createHash } from 'node:crypto';
import type { WorkflowSpec } from '@hetsched/core';
import { normalizeTags } from '../common/documents.js';
import { BadUserInputError, NotFoundError, orNotFound } from '../common/errors.js';
import { listFilter, listPage } from '../common/listing.js';
import { pageSize, type PageArgs } from '../common/pagination.js';
import type { Loaders } from '../common/loaders.js';
import type { ApiStore, ClusterSummary, StorePage, WorkflowSummary } from '../store/api-store.js';
import { readWorkflow } from './workflow.document.js';
import { generateDocuments } from './workflow-generate.js';
import type { GenerateWorkflowInput } from './workflow-generate.input.js';
import type { SubmitWorkflowInput, WorkflowFilter } from './workflow.input.js';
import type { SubmitWorkflowPayload } from './workflow.type.js';

export { toDependencies, toTasks } from './workflow.document.js';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

export class WorkflowService {
  constructor(private readonly store: ApiStore) {}

  async get(id: string, loaders: Loaders): Promise<WorkflowSummary> {
    const workflow = await loaders.workflow.load(id);
    if (!workflow) throw new NotFoundError('Workflow', id);
    return workflow;
  }

  /**
   * The workflow a stored run names (a history page asks this for every run): the cached summary as it is, without a
   * promise, when the process has it, else loaded through the request's batch loader.
   */
  ofRun(id: string, loaders: Loaders): WorkflowSummary | Promise<WorkflowSummary> {
    return this.store.workflows.cachedSummary(id) ?? orNotFound(loaders.runWorkflow.load(id), 'Workflow', id);
  }

  async document(id: string, loaders: Loaders): Promise<WorkflowSpec> {
    const document = await loaders.workflowDocument.load(id);
    if (!document) throw new NotFoundError('Workflow', id);
    return document;
  }

  list(filter: WorkflowFilter, page: PageArgs): Promise<StorePage<WorkflowSummary>> {
    return listPage(() => this.store.workflows.list(listFilter(filter), { first: pageSize(page.first), after: page.after }));
  }

  /**
   * Validates, then stores in one transaction: the workflow, the trace's cluster (WfFormat) and the idempotency
   * key. A retry with the key and the same request returns the first workflow; with another request, it is refused.
   */
  async submit(input: SubmitWorkflowInput): Promise<SubmitWorkflowPayload> {
    const read = readWorkflow(input);
    const tags = normalizeTags(input.tags, 'input.tags');
    const workflow = input.name != null ? { ...read.workflow, name: input.name } : read.workflow;
    const key = input.idempotencyKey ?? undefined;
    if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw new BadUserInputError(`input.idempotencyKey must have 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${key.length}`, [], {
        field: 'input.idempotencyKey',
      });
    }
    const outcome = await this.store.workflows.submit({
      workflow,
      tags,
      ...(read.traceCluster ? { traceCluster: { cluster: read.traceCluster, tags } } : {}),
      ...(key !== undefined ? { idempotency: { key, requestHash: requestHash(workflow, tags) } } : {}),
    });
    if (outcome.kind === 'conflict') {
      throw new BadUserInputError(
        `input.idempotencyKey "${key}" was already used with a different request (it created workflow "${outcome.workflowId}")`,
        [],
        { field: 'input.idempotencyKey' },
      );
    }
    return { workflow: outcome.workflow, created: outcome.kind === 'created', warnings: read.warnings, traceCluster: outcome.traceCluster };
  }

  /**
   * A random workflow (HEFT paper parameters, every one bounded) for the processors of a stored cluster or of a
   * random cluster; a new cluster is stored in the workflow's transaction (as a WfFormat trace's is).
   */
  async generate(input: GenerateWorkflowInput, loaders: Loaders): Promise<{ workflow: WorkflowSummary; cluster: ClusterSummary }> {
    if ((input.clusterId != null) === (input.cluster != null)) {
      throw new BadUserInputError('input: give exactly one of clusterId or cluster', [], { field: 'input' });
    }
    const existing = input.clusterId != null ? await loaders.clusterDocument.load(input.clusterId) : undefined;
    if (input.clusterId != null && !existing) throw new NotFoundError('Cluster', input.clusterId);
    const generated = generateDocuments(input, existing);
    const tags = normalizeTags(input.tags, 'input.tags');
    const outcome = await this.store.workflows.submit({
      workflow: generated.workflow,
      tags,
      ...(generated.cluster ? { traceCluster: { cluster: generated.cluster, tags } } : {}),
    });
    if (outcome.kind === 'conflict') throw new Error('a submission without an idempotency key cannot conflict');
    const cluster = outcome.traceCluster ?? (await loaders.cluster.load(input.clusterId!));
    if (!cluster) throw new NotFoundError('Cluster', input.clusterId!);
    return { workflow: outcome.workflow, cluster };
  }

  async delete(id: string): Promise<string> {
    if (!(await this.store.workflows.delete(id))) throw new NotFoundError('Workflow', id);
    return id;
  }
}

/**
 * What makes two submissions "the same request" for an idempotency key: the resulting document and tags. A
 * retry sends the same bytes, so the same hash; a different document under a reused key is a client bug to report.
 */
function requestHash(workflow: WorkflowSpec, tags: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify({ workflow, tags })).digest('hex');
}
