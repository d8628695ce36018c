import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '../api/hooks.js';
import { ClustersQuery, GenerateWorkflowMutation, SubmitWorkflowMutation, WorkflowsQuery } from '../api/operations.js';
import { usePaged } from '../api/paged.js';
import { useCan } from '../app/role.js';
import { Link, navigate } from '../app/router.js';
import { ErrorBox, FilePicker, LoadMore, Section } from '../components/common.js';
import { IssueList } from '../components/IssueList.js';
import { formatDate } from '../lib/format.js';
import { detectFormat, type DocumentFormat } from '../lib/issues.js';

/** Workflows: the cursor-paged list with filters, upload (native, WfFormat, DAX) and the random generator. */
export function WorkflowsPage() {
  const [filter, setFilter] = useState({ nameContains: '', tag: '' });
  const applied = { filter: { ...(filter.nameContains ? { nameContains: filter.nameContains } : {}), ...(filter.tag ? { tag: filter.tag } : {}) } };
  const workflows = usePaged(WorkflowsQuery, applied, (data) => data.workflows);
  const canSubmit = useCan('SUBMITTER');
  return (
    <div className="stack">
      <Section title="Workflows" testId="workflows">
        <div className="filters">
          <input placeholder="name contains" value={filter.nameContains} onChange={(e) => setFilter({ ...filter, nameContains: e.target.value })} data-testid="filter-name" />
          <input placeholder="tag" value={filter.tag} onChange={(e) => setFilter({ ...filter, tag: e.target.value })} data-testid="filter-tag" />
        </div>
        <ErrorBox error={workflows.error} />
        <table className="table" data-testid="workflow-table">
          <thead>
            <tr>
              <th>name</th>
              <th>tags</th>
              <th className="num">tasks</th>
              <th className="num">edges</th>
              <th>created</th>
            </tr>
          </thead>
          <tbody>
            {workflows.list.rows.map((w) => (
              <tr key={w.id}>
                <td>
                  <Link to={`/workflows/${w.id}`}>{w.name ?? w.id}</Link>
                </td>
                <td>
                  {w.tags.map((t) => (
                    <span key={t} className="badge">
                      {t}
                    </span>
                  ))}
                </td>
                <td className="num">{w.taskCount}</td>
                <td className="num">{w.edgeCount}</td>
                <td>{formatDate(w.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {workflows.list.rows.length === 0 && !workflows.loading ? <p className="muted">No workflow yet{canSubmit ? ': upload or generate one below.' : '.'}</p> : null}
        <LoadMore hasNextPage={workflows.list.hasNextPage} loading={workflows.loading} onClick={workflows.loadMore} />
      </Section>
      {canSubmit ? (
        <div className="columns">
          <UploadWorkflow />
          <GenerateWorkflow />
        </div>
      ) : null}
    </div>
  );
}

const FORMAT_NAMES: Record<DocumentFormat, string> = { NATIVE: 'hetsched JSON', WFFORMAT: 'WfCommons WfFormat', DAX: 'Pegasus DAX' };

function UploadWorkflow() {
  const [file, setFile] = useState<{ text: string; name: string; format: DocumentFormat } | null>(null);
  const [tags, setTags] = useState('');
  const submit = useMutation(SubmitWorkflowMutation);
  const [warnings, setWarnings] = useState<string[]>([]);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const tagList = tags.split(',').map((t) => t.trim()).filter(Boolean);
    const result = await submit.run({ input: { document: file.text, format: file.format, ...(tagList.length ? { tags: tagList } : {}) } });
    if (!result) return;
    setWarnings(result.submitWorkflow.warnings);
    if (result.submitWorkflow.warnings.length === 0) navigate(`/workflows/${result.submitWorkflow.workflow.id}`);
  };
  const issues = submit.error?.issues ?? [];
  return (
    <Section title="Upload a workflow" testId="upload">
      <form onSubmit={(e) => void onSubmit(e)} className="form">
        <FilePicker
          label="Document (native JSON, WfFormat trace, or DAX)"
          accept=".json,.xml,.dax,application/json,text/xml"
          testId="upload-file"
          onText={(text, name) => {
            submit.reset();
            setWarnings([]);
            setFile({ text, name, format: detectFormat(text) });
          }}
        />
        {file ? (
          <p>
            <strong>{file.name}</strong> ({(file.text.length / 1024).toFixed(1)} kB), read as{' '}
            <select value={file.format} onChange={(e) => setFile({ ...file, format: e.target.value as DocumentFormat })} data-testid="upload-format">
              {Object.entries(FORMAT_NAMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </p>
        ) : null}
        <label>
          Tags (comma-separated)
          <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="paper, test" />
        </label>
        <button type="submit" disabled={!file || submit.busy} data-testid="upload-submit">
          {submit.busy ? 'Submitting…' : 'Submit'}
        </button>
      </form>
      {issues.length > 0 && file ? (
        <IssueList issues={issues} text={file.text} format={file.format} total={submit.error?.errors[0]?.extensions?.issueCount} />
      ) : (
        <ErrorBox error={submit.error} />
      )}
      {warnings.length > 0 ? (
        <div className="notice" data-testid="upload-warnings">
          Stored, with conversions: <ul>{warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        </div>
      ) : null}
    </Section>
  );
}

/** The generator's parameters (Topcuoglu et al. 2002, §5.1) with the API's defaults. */
const GENERATOR_FIELDS: [string, string, string][] = [
  ['tasks', 'tasks (v)', '1 to 20000'],
  ['shape', 'shape (α)', '0.05 to 20: height √v/α'],
  ['outDegree', 'out-degree', '1 to 50'],
  ['ccr', 'CCR', '0 to 100: communication / computation'],
  ['heterogeneity', 'heterogeneity (β)', '0 to 1.99: cost range over processors'],
  ['meanCost', 'mean cost (w̄)', '0.01 to 1000000'],
  ['seed', 'seed', 'same seed, same workflow'],
];
const CLUSTER_FIELDS: [string, string][] = [
  ['processors', 'processors'],
  ['speedMin', 'speed min'],
  ['speedMax', 'speed max'],
  ['bandwidth', 'bandwidth'],
  ['latency', 'latency'],
];

function GenerateWorkflow() {
  const [params, setParams] = useState<Record<string, string>>({ tasks: '100', shape: '1', outDegree: '3', ccr: '1', heterogeneity: '1', meanCost: '20', seed: '1' });
  const [cluster, setCluster] = useState<Record<string, string>>({ processors: '4', speedMin: '1', speedMax: '1', bandwidth: '1', latency: '0' });
  const [links, setLinks] = useState(false);
  const [existing, setExisting] = useState('');
  const clusters = useQuery(ClustersQuery, { first: 100 });
  const generate = useMutation(GenerateWorkflowMutation);
  const numbers = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, Number(v)]));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const { tasks, ...rest } = numbers(params);
    const target = existing ? { clusterId: existing } : { cluster: { ...(numbers(cluster) as { processors: number }), heterogeneousLinks: links } };
    const result = await generate.run({ input: { tasks: tasks ?? 0, ...rest, ...target, tags: ['generated'] } });
    if (result) navigate(`/workflows/${result.generateWorkflow.workflow.id}`);
  };
  return (
    <Section title="Generate a random workflow" testId="generate">
      <form onSubmit={(e) => void onSubmit(e)} className="form grid2">
        {GENERATOR_FIELDS.map(([key, label, hint]) => (
          <label key={key} title={hint}>
            {label}
            <input type="number" step="any" value={params[key]} onChange={(e) => setParams({ ...params, [key]: e.target.value })} data-testid={`generate-${key}`} />
            <span className="muted small">{hint}</span>
          </label>
        ))}
        <label>
          cluster
          <select value={existing} onChange={(e) => setExisting(e.target.value)} data-testid="generate-cluster">
            <option value="">a new random cluster</option>
            {clusters.data?.clusters.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name ?? node.id} ({node.processorCount} processors)
              </option>
            ))}
          </select>
        </label>
        {existing === '' ? (
          <>
            {CLUSTER_FIELDS.map(([key, label]) => (
              <label key={key}>
                {label}
                <input type="number" step="any" value={cluster[key]} onChange={(e) => setCluster({ ...cluster, [key]: e.target.value })} />
              </label>
            ))}
            <label className="inline">
              <input type="checkbox" checked={links} onChange={(e) => setLinks(e.target.checked)} /> a link per pair of processors
            </label>
          </>
        ) : null}
        <button type="submit" disabled={generate.busy} data-testid="generate-submit">
          {generate.busy ? 'Generating…' : 'Generate'}
        </button>
      </form>
      <ErrorBox error={generate.error} />
    </Section>
  );
}
