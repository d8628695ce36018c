import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Cluster } from '../clusters/cluster.type.js';
import { Workflow } from './workflow.type.js';
import { CLUSTER_BOUNDS, MAX_COST_ENTRIES, WORKFLOW_BOUNDS, type Bounds } from './workflow-generate.js';

/** "1 to 20000 (default 3)" for a field's description, from the one table of bounds the checks use. */
function range(bounds: Bounds, extra = ''): string {
  const low = bounds.minExclusive ? `above ${bounds.min}` : `${bounds.min}`;
  return `${low} to ${bounds.max}${bounds.default !== undefined ? ` (default ${bounds.default})` : ''}${extra}`;
}

@InputType({ description: 'A random cluster for generateWorkflow: processors p1..pm with speeds drawn from [speedMin, speedMax].' })
export class GenerateClusterInput {
  @Field(() => Int, { description: `m, the number of processors: ${range(CLUSTER_BOUNDS.processors)}.` })
  processors!: number;

  @Field(() => Float, { nullable: true, description: `Lowest processor speed: ${range(CLUSTER_BOUNDS.speedMin)}.` })
  speedMin?: number | null;

  @Field(() => Float, { nullable: true, description: `Highest processor speed, at least speedMin: ${range(CLUSTER_BOUNDS.speedMax)} (default speedMin).` })
  speedMax?: number | null;

  @Field(() => Float, { nullable: true, description: `Default bandwidth between two processors: ${range(CLUSTER_BOUNDS.bandwidth)}.` })
  bandwidth?: number | null;

  @Field(() => Float, { nullable: true, description: `Default latency between two processors: ${range(CLUSTER_BOUNDS.latency)}.` })
  latency?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'A link per pair of processors with bandwidth and latency drawn around the defaults (default false).' })
  heterogeneousLinks?: boolean | null;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType({
  description:
    'A random workflow with the parameters of Topcuoglu, Hariri & Wu (2002) §5.1 (docs/formats.md): the same input and seed give the same document. Give exactly one of `clusterId` (costs for the processors of a stored cluster) or `cluster` (a random cluster, stored with the workflow).',
})
export class GenerateWorkflowInput {
  @Field(() => Int, { description: `v, the number of tasks: ${range(WORKFLOW_BOUNDS.tasks)}; tasks x processors at most ${MAX_COST_ENTRIES}.` })
  tasks!: number;

  @Field(() => Float, { nullable: true, description: `α: ceil(√v/α) levels of mean width √v·α: ${range(WORKFLOW_BOUNDS.shape)}.` })
  shape?: number | null;

  @Field(() => Int, { nullable: true, description: `The most edges a task sends: ${range(WORKFLOW_BOUNDS.outDegree)}.` })
  outDegree?: number | null;

  @Field(() => Float, { nullable: true, description: `Communication to computation ratio: ${range(WORKFLOW_BOUNDS.ccr)}.` })
  ccr?: number | null;

  @Field(() => Float, { nullable: true, description: `β, the range of a task's costs over processors: ${range(WORKFLOW_BOUNDS.heterogeneity)}.` })
  heterogeneity?: number | null;

  @Field(() => Float, { nullable: true, description: `w̄, the mean task cost: ${range(WORKFLOW_BOUNDS.meanCost)}.` })
  meanCost?: number | null;

  @Field(() => Int, { nullable: true, description: `Random seed: ${range(WORKFLOW_BOUNDS.seed)}.` })
  seed?: number | null;

  @Field(() => ID, { nullable: true, description: 'Give costs for the processors of this stored cluster.' })
  clusterId?: string | null;

  @Field(() => GenerateClusterInput, { nullable: true, description: 'Generate this cluster too, and store it with the workflow.' })
  cluster?: GenerateClusterInput | null;

  @Field(() => String, { nullable: true, description: 'Default: the generator parameters, e.g. random-v100-a1-ccr1-b1-s1.' })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@ObjectType({ simpleResolvers: true })
export class GenerateWorkflowPayload {
  @Field(() => Workflow)
  workflow!: Workflow;

  @Field(() => Cluster, { description: 'The cluster the costs are for: the generated one (stored), or the one `clusterId` named.' })
  cluster!: Cluster;
}
