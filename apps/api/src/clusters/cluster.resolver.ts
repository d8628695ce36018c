import type { ClusterSpec } from '@hetsched/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../common/role.js';
import { connectionComplexity, PageArgs } from '../common/pagination.js';
import { JSONObject } from '../common/scalars.js';
import type { ApiContext } from '../common/context.js';
import type { ClusterSummary, StorePage } from '../store/api-store.js';
import { ClusterFilter, CreateClusterInput } from './cluster.input.js';
import { Cluster, ClusterConnection, Network, Processor } from './cluster.type.js';
import { toNetwork, toProcessors, type ClusterService } from './cluster.service.js';

const DOCUMENT_COMPLEXITY = 10;

@Resolver(() => Cluster)
export class ClusterResolver {
  constructor(private readonly clusterService: ClusterService) {}

  @Authorized(Role.READER)
  @Query(() => Cluster, { description: 'A stored cluster; NOT_FOUND when there is none with that id.' })
  cluster(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<ClusterSummary> {
    return this.clusterService.get(id, context.loaders);
  }

  @Authorized(Role.READER)
  @Query(() => ClusterConnection, { complexity: connectionComplexity, description: 'Stored clusters, newest first.' })
  clusters(
    @Arg('filter', () => ClusterFilter, { nullable: true }) filter: ClusterFilter | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<StorePage<ClusterSummary>> {
    return this.clusterService.list(filter ?? {}, page);
  }

  @Authorized(Role.SUBMITTER)
  @Mutation(() => Cluster, { description: 'Stores a cluster given as structured input or as a native JSON document, after validating it.' })
  createCluster(@Arg('input', () => CreateClusterInput) input: CreateClusterInput): Promise<ClusterSummary> {
    return this.clusterService.create(input);
  }

  @FieldResolver(() => JSONObject, { complexity: DOCUMENT_COMPLEXITY, description: 'The whole native document (docs/formats.md).' })
  document(@Root() cluster: ClusterSummary, @Ctx() context: ApiContext): Promise<ClusterSpec> {
    return this.clusterService.document(cluster.id, context.loaders);
  }

  @FieldResolver(() => [Processor], { complexity: DOCUMENT_COMPLEXITY })
  async processors(@Root() cluster: ClusterSummary, @Ctx() context: ApiContext): Promise<Processor[]> {
    return toProcessors(await this.clusterService.document(cluster.id, context.loaders));
  }

  @FieldResolver(() => Network, { complexity: DOCUMENT_COMPLEXITY })
  async network(@Root() cluster: ClusterSummary, @Ctx() context: ApiContext): Promise<Network> {
    return toNetwork(await this.clusterService.document(cluster.id, context.loaders));
  }
}
