import { useQuery } from '../api/hooks.js';
import { ClusterDetailQuery } from '../api/operations.js';
import { useCan } from '../app/role.js';
import { navigate } from '../app/router.js';
import { ErrorBox, Loading, Section } from '../components/common.js';
import { formatDate, formatNumber } from '../lib/format.js';
import type { ClusterDetailQuery as ClusterDetailData } from '../gql/graphql.js';

/** One cluster: its processors, network defaults and links. */
export function ClusterPage({ id }: { id: string }) {
  const detail = useQuery(ClusterDetailQuery, { id });
  const canSchedule = useCan('SUBMITTER');
  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!detail.data) return <Loading what="the cluster" />;
  const cluster = detail.data.cluster;
  return (
    <div className="stack">
      <Section
        title={cluster.name ?? cluster.id}
        testId="cluster"
        actions={
          canSchedule ? (
            <button type="button" onClick={() => navigate(`/schedule?cluster=${cluster.id}`)}>
              Schedule on it…
            </button>
          ) : null
        }
      >
        <p className="muted">
          {cluster.processorCount} processors · {cluster.linkCount} links · created {formatDate(cluster.createdAt)} · default bandwidth{' '}
          {formatNumber(cluster.network.bandwidth)}, latency {formatNumber(cluster.network.latency)}
        </p>
        <table className="table compact" data-testid="processor-table">
          <thead>
            <tr>
              <th>processor</th>
              <th className="num">speed</th>
              <th className="num">cores</th>
              <th className="num">memory (GB)</th>
              <th>type</th>
            </tr>
          </thead>
          <tbody>
            {cluster.processors.map((p) => (
              <tr key={p.id}>
                <td>{p.id}</td>
                <td className="num">{formatNumber(p.speed)}</td>
                <td className="num">{formatNumber(p.cores)}</td>
                <td className="num">{formatNumber(p.memoryGb)}</td>
                <td>{p.type ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <LinksTable network={cluster.network} />
    </div>
  );
}

type Network = ClusterDetailData['cluster']['network'];

function LinksTable({ network }: { network: Network }) {
  return (
    <Section title="Links" testId="links">
      {network.links.length === 0 ? (
        <p className="muted">No links: every pair of processors uses the network defaults.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>between</th>
              <th className="num">bandwidth</th>
              <th className="num">latency</th>
            </tr>
          </thead>
          <tbody>
            {network.links.map((l, i) => (
              <tr key={i}>
                <td>{l.between.join(' – ')}</td>
                <td className="num">{formatNumber(l.bandwidth ?? network.bandwidth)}</td>
                <td className="num">{formatNumber(l.latency ?? network.latency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
