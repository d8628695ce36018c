import type { ClusterSpec } from '@hetsched/core';
import { normalizeTags } from '../common/documents.js';
import { NotFoundError, orNotFound } from '../common/errors.js';
import { listFilter, listPage } from '../common/listing.js';
import { pageSize, type PageArgs } from '../common/pagination.js';
import type { Loaders } from '../common/loaders.js';
import type { ApiStore, ClusterSummary, StorePage } from '../store/api-store.js';
import { readCluster } from './cluster.document.js';
import type { ClusterFilter, CreateClusterInput } from './cluster.input.js';

export { toNetwork, toProcessors } from './cluster.document.js';

export class ClusterService {
  constructor(private readonly store: ApiStore) {}

  async get(id: string, loaders: Loaders): Promise<ClusterSummary> {
    const cluster = await loaders.cluster.load(id);
    if (!cluster) throw new NotFoundError('Cluster', id);
    return cluster;
  }

  /** The cluster a stored run names: as WorkflowService.ofRun (cached summary without a promise, else loaded). */
  ofRun(id: string, loaders: Loaders): ClusterSummary | Promise<ClusterSummary> {
    return this.store.clusters.cachedSummary(id) ?? orNotFound(loaders.runCluster.load(id), 'Cluster', id);
  }

  async document(id: string, loaders: Loaders): Promise<ClusterSpec> {
    const document = await loaders.clusterDocument.load(id);
    if (!document) throw new NotFoundError('Cluster', id);
    return document;
  }

  list(filter: ClusterFilter, page: PageArgs): Promise<StorePage<ClusterSummary>> {
    return listPage(() => this.store.clusters.list(listFilter(filter), { first: pageSize(page.first), after: page.after }));
  }

  create(input: CreateClusterInput): Promise<ClusterSummary> {
    const cluster = readCluster(input);
    return this.store.clusters.create(cluster, normalizeTags(input.tags, 'input.tags'));
  }
}
