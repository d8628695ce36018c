import { DEFAULT_BANDWIDTH, DEFAULT_LATENCY, DEFAULT_SPEED, parseCluster, type ClusterSpec, type LinkSpec, type ProcessorSpec } from '@hetsched/core';
import { parseClusterJson } from '@hetsched/formats';
import { definedFields, parseInput } from '../common/documents.js';
import { BadUserInputError } from '../common/errors.js';
import type { ClusterInput, CreateClusterInput } from './cluster.input.js';
import type { Network, Processor } from './cluster.type.js';

/** The cluster of a createCluster request, validated: from its structured input or its native JSON document. */
export function readCluster(input: CreateClusterInput): ClusterSpec {
  const structured = input.cluster ?? undefined;
  const document = input.document ?? undefined;
  if ((structured === undefined) === (document === undefined)) {
    throw new BadUserInputError('give exactly one of input.cluster (structured) or input.document (text)', [], { field: 'input' });
  }
  const cluster = structured
    ? parseInput('input.cluster', () => parseCluster(clusterFromInput(structured)))
    : parseInput('input.document', () => parseClusterJson(document!));
  return input.name != null ? { ...cluster, name: input.name } : cluster;
}

export function clusterFromInput(input: ClusterInput): ClusterSpec {
  const processors = input.processors.map(
    (p): ProcessorSpec => ({ id: p.id, ...definedFields({ speed: p.speed, cores: p.cores, memoryGb: p.memoryGb, type: p.type }) }),
  );
  const network = input.network
    ? definedFields({
        bandwidth: input.network.bandwidth,
        latency: input.network.latency,
        // `between` is a pair in the document; a list of another length reaches the validator as it is, which
        // names the link and says what is wrong.
        links: input.network.links?.map((l): LinkSpec => ({ between: l.between as [string, string], ...definedFields({ bandwidth: l.bandwidth, latency: l.latency }) })),
      })
    : undefined;
  return { ...definedFields({ name: input.name }), processors, ...(network ? { network } : {}) };
}

export function toProcessors(cluster: ClusterSpec): Processor[] {
  return cluster.processors.map((p) => ({
    id: p.id,
    speed: p.speed ?? DEFAULT_SPEED,
    cores: p.cores ?? null,
    memoryGb: p.memoryGb ?? null,
    type: p.type ?? null,
  }));
}

export function toNetwork(cluster: ClusterSpec): Network {
  return {
    bandwidth: cluster.network?.bandwidth ?? DEFAULT_BANDWIDTH,
    latency: cluster.network?.latency ?? DEFAULT_LATENCY,
    links: (cluster.network?.links ?? []).map((l) => ({ between: [...l.between], bandwidth: l.bandwidth ?? null, latency: l.latency ?? null })),
  };
}
