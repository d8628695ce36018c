import { useState, type FormEvent } from 'react';
import { useMutation } from '../api/hooks.js';
import { ClustersQuery, CreateClusterMutation } from '../api/operations.js';
import { usePaged } from '../api/paged.js';
import { useCan } from '../app/role.js';
import { Link, navigate } from '../app/router.js';
import { ErrorBox, FilePicker, LoadMore, Section } from '../components/common.js';
import { IssueList } from '../components/IssueList.js';
import { formatDate } from '../lib/format.js';

/** Clusters: the paged list with filters, and a cluster made from a form or a native JSON file. */
export function ClustersPage() {
  const [filter, setFilter] = useState({ nameContains: '', tag: '' });
  const applied = { filter: { ...(filter.nameContains ? { nameContains: filter.nameContains } : {}), ...(filter.tag ? { tag: filter.tag } : {}) } };
  const clusters = usePaged(ClustersQuery, applied, (data) => data.clusters);
  const canCreate = useCan('SUBMITTER');
  return (
    <div className="stack">
      <Section title="Clusters" testId="clusters">
        <div className="filters">
          <input placeholder="name contains" value={filter.nameContains} onChange={(e) => setFilter({ ...filter, nameContains: e.target.value })} />
          <input placeholder="tag" value={filter.tag} onChange={(e) => setFilter({ ...filter, tag: e.target.value })} />
        </div>
        <ErrorBox error={clusters.error} />
        <table className="table" data-testid="cluster-table">
          <thead>
            <tr>
              <th>name</th>
              <th>tags</th>
              <th className="num">processors</th>
              <th className="num">links</th>
              <th>created</th>
            </tr>
          </thead>
          <tbody>
            {clusters.list.rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/clusters/${c.id}`}>{c.name ?? c.id}</Link>
                </td>
                <td>{c.tags.join(', ')}</td>
                <td className="num">{c.processorCount}</td>
                <td className="num">{c.linkCount}</td>
                <td>{formatDate(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <LoadMore hasNextPage={clusters.list.hasNextPage} loading={clusters.loading} onClick={clusters.loadMore} />
      </Section>
      {canCreate ? <CreateCluster /> : null}
    </div>
  );
}

interface ProcessorRow {
  id: string;
  speed: string;
}
interface LinkRow {
  a: string;
  b: string;
  bandwidth: string;
  latency: string;
}

/** The form as a native cluster document (docs/formats.md): empty numbers are left out, so defaults apply. */
export function clusterDocument(name: string, processors: ProcessorRow[], network: { bandwidth: string; latency: string }, links: LinkRow[]): string {
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const document = {
    ...(name.trim() ? { name: name.trim() } : {}),
    processors: processors.map((p) => ({ id: p.id.trim(), ...(number(p.speed) !== undefined ? { speed: number(p.speed) } : {}) })),
    network: {
      ...(number(network.bandwidth) !== undefined ? { bandwidth: number(network.bandwidth) } : {}),
      ...(number(network.latency) !== undefined ? { latency: number(network.latency) } : {}),
      ...(links.length
        ? {
            links: links.map((l) => ({
              between: [l.a.trim(), l.b.trim()],
              ...(number(l.bandwidth) !== undefined ? { bandwidth: number(l.bandwidth) } : {}),
              ...(number(l.latency) !== undefined ? { latency: number(l.latency) } : {}),
            })),
          }
        : {}),
    },
  };
  return JSON.stringify(document, null, 2);
}

function CreateCluster() {
  const [name, setName] = useState('');
  const [processors, setProcessors] = useState<ProcessorRow[]>([
    { id: 'p1', speed: '1' },
    { id: 'p2', speed: '2' },
  ]);
  const [network, setNetwork] = useState({ bandwidth: '1', latency: '0' });
  const [links, setLinks] = useState<LinkRow[]>([]);
  const [sent, setSent] = useState<string | null>(null);
  const create = useMutation(CreateClusterMutation);
  const send = async (document: string) => {
    setSent(document);
    const result = await create.run({ input: { document } });
    if (result) navigate(`/clusters/${result.createCluster.id}`);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send(clusterDocument(name, processors, network, links));
  };
  return (
    <Section title="New cluster" testId="create-cluster">
      <FilePicker label="From a native cluster JSON file" accept=".json,application/json" testId="cluster-file" onText={(text) => void send(text)} />
      <form className="form" onSubmit={onSubmit}>
        <label>
          name
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <ProcessorRows rows={processors} onChange={setProcessors} />
        <div className="grid2">
          <label>
            default bandwidth
            <input type="number" step="any" value={network.bandwidth} onChange={(e) => setNetwork({ ...network, bandwidth: e.target.value })} />
          </label>
          <label>
            default latency
            <input type="number" step="any" value={network.latency} onChange={(e) => setNetwork({ ...network, latency: e.target.value })} />
          </label>
        </div>
        <LinkRows rows={links} onChange={setLinks} />
        <button type="submit" disabled={create.busy} data-testid="create-cluster-submit">
          Create cluster
        </button>
      </form>
      {create.error && create.error.issues.length > 0 && sent ? <IssueList issues={create.error.issues} text={sent} format="NATIVE" /> : <ErrorBox error={create.error} />}
    </Section>
  );
}

/** `rows` with row i changed. */
function edit<T>(rows: T[], i: number, change: Partial<T>): T[] {
  return rows.map((row, j) => (j === i ? { ...row, ...change } : row));
}

function ProcessorRows({ rows, onChange }: { rows: ProcessorRow[]; onChange(rows: ProcessorRow[]): void }) {
  return (
    <>
      <table className="table compact">
        <thead>
          <tr>
            <th>processor id</th>
            <th>speed</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((p, i) => (
            <tr key={i}>
              <td>
                <input value={p.id} onChange={(e) => onChange(edit(rows, i, { id: e.target.value }))} aria-label="processor id" />
              </td>
              <td>
                <input type="number" step="any" value={p.speed} onChange={(e) => onChange(edit(rows, i, { speed: e.target.value }))} aria-label="speed" />
              </td>
              <td>
                <button type="button" className="secondary small" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="secondary small" onClick={() => onChange([...rows, { id: `p${rows.length + 1}`, speed: '1' }])}>
        add a processor
      </button>
    </>
  );
}

function LinkRows({ rows, onChange }: { rows: LinkRow[]; onChange(rows: LinkRow[]): void }) {
  return (
    <>
      {rows.map((l, i) => (
        <div key={i} className="grid4">
          <input value={l.a} placeholder="processor" onChange={(e) => onChange(edit(rows, i, { a: e.target.value }))} aria-label="link from" />
          <input value={l.b} placeholder="processor" onChange={(e) => onChange(edit(rows, i, { b: e.target.value }))} aria-label="link to" />
          <input value={l.bandwidth} placeholder="bandwidth" onChange={(e) => onChange(edit(rows, i, { bandwidth: e.target.value }))} aria-label="link bandwidth" />
          <input value={l.latency} placeholder="latency" onChange={(e) => onChange(edit(rows, i, { latency: e.target.value }))} aria-label="link latency" />
        </div>
      ))}
      <button type="button" className="secondary small" onClick={() => onChange([...rows, { a: 'p1', b: 'p2', bandwidth: '', latency: '' }])}>
        add a link
      </button>
    </>
  );
}
