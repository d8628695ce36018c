import { useEffect, useMemo, useState } from 'react';
import { request, type ApiError } from '../api/client.js';
import { useQuery } from '../api/hooks.js';
import { RunDetailQuery, WorkflowRunsQuery, WorkflowsQuery } from '../api/operations.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { ErrorBox, Loading, Section, StatusBadge } from '../components/common.js';
import { createWindowStore, GanttCanvas } from '../components/GanttCanvas.js';
import { buildGanttModel } from '../lib/gantt-geometry.js';
import { analyseSchedule } from '../lib/schedule-analysis.js';
import { formatNumber } from '../lib/format.js';
import type { RunDetailQuery as RunDetailData } from '../gql/graphql.js';

type Run = RunDetailData['scheduleRun'];
const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7'];

/** Runs side by side: makespans as bars, and their Gantt charts on one time axis (zoom and pan move all of them). */
export function ComparePage() {
  const { query } = useLocation();
  const ids = useMemo(() => (query.get('runs') ?? '').split(',').filter(Boolean), [query]);
  if (ids.length === 0) return <ChooseRuns />;
  return <Comparison ids={ids} />;
}

function Comparison({ ids }: { ids: string[] }) {
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const key = ids.join(',');
  useEffect(() => {
    let stale = false;
    setRuns(null);
    Promise.all(key.split(',').map((id) => request(RunDetailQuery, { id }).then((d) => d.scheduleRun))).then(
      (loaded) => !stale && setRuns(loaded),
      (failure: ApiError) => !stale && setError(failure),
    );
    return () => {
      stale = true;
    };
  }, [key]);
  const span = Math.max(1, ...(runs ?? []).map((r) => r.makespan ?? 0));
  const window = useMemo(() => createWindowStore(span), [span]);
  if (error) return <ErrorBox error={error} />;
  if (!runs) return <Loading what="the runs" />;
  const workflows = new Set(runs.map((r) => r.workflow.id));
  const best = Math.min(...runs.filter((r) => r.makespan !== null && r.makespan !== undefined).map((r) => r.makespan!));
  const pending = runs.filter((r) => r.status !== 'SUCCEEDED');
  return (
    <div className="stack">
      <Section title={`Comparing ${runs.length} runs`} testId="compare">
        {workflows.size > 1 ? <p className="notice">These runs schedule {workflows.size} different workflows: their makespans are not comparable.</p> : null}
        {pending.length > 0 ? (
          <p className="notice">
            {pending.length} run{pending.length === 1 ? ' is' : 's are'} not finished or did not succeed ({pending.map((r) => `${r.scheduler}: ${r.status}`).join(', ')}).{' '}
            <button type="button" className="secondary small" onClick={() => navigate(`/compare?runs=${ids.join(',')}&t=${Date.now()}`)}>
              Reload
            </button>
          </p>
        ) : null}
        <div className="makespan-bars" data-testid="makespan-bars">
          {runs.map((run, i) => (
            <div key={run.id} className="makespan-bar-row">
              <span className="label">
                <Link to={`/runs/${run.id}`}>{run.scheduler}</Link>
              </span>
              <div className="bar" style={{ width: `${(100 * (run.makespan ?? 0)) / span}%`, background: COLORS[i % COLORS.length] }} />
              <span className="value" data-testid="compare-makespan">
                {run.makespan !== null && run.makespan !== undefined ? (
                  <>
                    {formatNumber(run.makespan)} <span className="muted small">{run.makespan === best ? 'best' : `+${((100 * (run.makespan - best)) / best).toFixed(1)}%`}</span>
                  </>
                ) : (
                  <StatusBadge status={run.status} />
                )}
              </span>
            </div>
          ))}
        </div>
      </Section>
      {runs
        .filter((run) => run.status === 'SUCCEEDED')
        .map((run) => (
          <ComparedGantt key={run.id} run={run} span={span} window={window} />
        ))}
    </div>
  );
}

function ComparedGantt({ run, span, window }: { run: Run; span: number; window: ReturnType<typeof createWindowStore> }) {
  const model = useMemo(() => buildGanttModel(run.assignments ?? [], run.cluster.processors.map((p) => p.id)), [run]);
  const analysis = useMemo(() => analyseSchedule(model, run.workflow.edges, run.cluster.network), [model, run]);
  return (
    <Section title={`${run.scheduler}: makespan ${formatNumber(run.makespan)}`}>
      <GanttCanvas model={model} analysis={analysis} window={window} span={span} rowHeight={20} testId={`gantt-${run.id}`} />
    </Section>
  );
}

function ChooseRuns() {
  const workflows = useQuery(WorkflowsQuery, { first: 100 });
  const [workflowId, setWorkflowId] = useState('');
  const runs = useQuery(WorkflowRunsQuery, { id: workflowId, first: 100 }, { skip: !workflowId });
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <Section title="Compare runs" testId="compare-choose">
      <p className="muted">Pick a workflow, then the runs of it to put side by side.</p>
      <select value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
        <option value="">choose a workflow</option>
        {workflows.data?.workflows.edges.map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name ?? node.id}
          </option>
        ))}
      </select>
      {runs.data ? (
        <ul className="plain">
          {runs.data.workflow.runs.edges
            .filter(({ node }) => node.status === 'SUCCEEDED')
            .map(({ node }) => (
              <li key={node.id}>
                <label className="inline">
                  <input type="checkbox" checked={selected.includes(node.id)} onChange={() => setSelected((s) => (s.includes(node.id) ? s.filter((x) => x !== node.id) : [...s, node.id]))} />
                  {node.scheduler} on {node.cluster.name ?? node.cluster.id}: makespan {formatNumber(node.makespan)}
                </label>
              </li>
            ))}
        </ul>
      ) : null}
      <button type="button" disabled={selected.length < 2} onClick={() => navigate(`/compare?runs=${selected.join(',')}`)}>
        Compare {selected.length} runs
      </button>
    </Section>
  );
}
