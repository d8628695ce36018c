import { useMemo, useState } from 'react';
import { useQuery } from '../api/hooks.js';
import { WorkflowDetailQuery, WorkflowRunsQuery } from '../api/operations.js';
import { usePaged } from '../api/paged.js';
import { useCan } from '../app/role.js';
import { Link, navigate } from '../app/router.js';
import { ErrorBox, LoadMore, Loading, Section, StatusBadge } from '../components/common.js';
import { DagCanvas } from '../components/DagCanvas.js';
import { CycleError, layeredLayout, levelSummary, longestPathLevels, type DagInput, type LevelSummary } from '../lib/dag-layout.js';
import { formatDate, formatNumber } from '../lib/format.js';
import type { WorkflowDetailQuery as WorkflowDetail } from '../gql/graphql.js';

/** Above this many tasks the graph is summarised by level instead of drawn: a drawing would be unreadable. */
export const MAX_DRAWN_TASKS = 2000;
const TASK_PAGE = 25;

type Detail = WorkflowDetail['workflow'];

/** One workflow: its DAG (or a summary by level), its tasks, and its runs (select some to compare). */
export function WorkflowPage({ id }: { id: string }) {
  const detail = useQuery(WorkflowDetailQuery, { id });
  const canSchedule = useCan('SUBMITTER');
  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!detail.data) return <Loading what="the workflow" />;
  const workflow = detail.data.workflow;
  return (
    <div className="stack">
      <Section
        title={workflow.name ?? workflow.id}
        testId="workflow"
        actions={
          canSchedule ? (
            <button type="button" onClick={() => navigate(`/schedule?workflow=${workflow.id}`)} data-testid="schedule-workflow">
              Schedule…
            </button>
          ) : null
        }
      >
        <p className="muted">
          {workflow.taskCount} tasks · {workflow.edgeCount} edges · created {formatDate(workflow.createdAt)} · {workflow.tags.map((t) => `#${t}`).join(' ')}
        </p>
        <Graph workflow={workflow} />
      </Section>
      <TaskTable workflow={workflow} />
      <WorkflowRuns id={workflow.id} />
    </div>
  );
}

function Graph({ workflow }: { workflow: Detail }) {
  const graph = useMemo(() => {
    const index = new Map(workflow.tasks.map((t, i) => [t.id, i]));
    const input: DagInput = {
      taskCount: workflow.tasks.length,
      from: Int32Array.from(workflow.edges, (e) => index.get(e.from) ?? 0),
      to: Int32Array.from(workflow.edges, (e) => index.get(e.to) ?? 0),
    };
    try {
      if (workflow.tasks.length > MAX_DRAWN_TASKS) return { input, summary: levelSummary(input, longestPathLevels(input)) };
      return { input, layout: layeredLayout(input) };
    } catch (error) {
      if (error instanceof CycleError) return { input, cycle: error };
      throw error;
    }
  }, [workflow]);
  if (graph.cycle) return <p className="error">The graph has a cycle through {graph.cycle.taskIndices.length} tasks.</p>;
  if (graph.summary) return <LevelTable summary={graph.summary} taskCount={workflow.tasks.length} />;
  const describe = (t: number) => {
    const task = workflow.tasks[t]!;
    return task.costs.length > 0 ? task.costs.map((c) => `${c.processor}: ${formatNumber(c.time)}`).join(' · ') : `work ${formatNumber(task.work)}`;
  };
  return (
    <>
      <p className="muted small">
        {graph.layout!.levels.length} levels, {graph.layout!.crossings} crossings between adjacent levels · wheel: zoom · drag: pan · hover: a task
      </p>
      <DagCanvas layout={graph.layout!} taskIds={workflow.tasks.map((t) => t.id)} from={graph.input.from} to={graph.input.to} describe={describe} />
    </>
  );
}

/** At most this many processors get a cost column in the task table. */
const MAX_COST_COLUMNS = 12;

/** [in-degree, out-degree] of every task that has an edge. */
function degrees(edges: readonly { from: string; to: string }[]): Map<string, [number, number]> {
  const counts = new Map<string, [number, number]>();
  const of = (task: string) => counts.get(task) ?? counts.set(task, [0, 0]).get(task)!;
  for (const e of edges) {
    of(e.from)[1]++;
    of(e.to)[0]++;
  }
  return counts;
}

/** The workflow by level, for one too large to draw: tasks per level (with a bar) and the edges leaving it. */
function LevelTable({ summary, taskCount }: { summary: LevelSummary[]; taskCount: number }) {
  const widest = Math.max(...summary.map((l) => l.tasks));
  return (
    <div data-testid="level-summary">
      <p className="muted">
        {taskCount} tasks are too many to draw readably (limit {MAX_DRAWN_TASKS}): the graph by level (longest-path levels), {summary.length} levels.
      </p>
      <table className="table compact">
        <thead>
          <tr>
            <th className="num">level</th>
            <th className="num">tasks</th>
            <th>width</th>
            <th className="num">edges to next</th>
            <th className="num">edges skipping</th>
          </tr>
        </thead>
        <tbody>
          {summary.map((l) => (
            <tr key={l.level}>
              <td className="num">{l.level}</td>
              <td className="num">{l.tasks}</td>
              <td>
                <div className="bar" style={{ width: `${(100 * l.tasks) / widest}%` }} />
              </td>
              <td className="num">{l.toNext}</td>
              <td className="num">{l.skipping}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TaskTable({ workflow }: { workflow: Detail }) {
  const [page, setPage] = useState(0);
  const [search, setSearch] = useState('');
  const processors = useMemo(() => [...new Set(workflow.tasks.flatMap((t) => t.costs.map((c) => c.processor)))].slice(0, MAX_COST_COLUMNS), [workflow]);
  const degree = useMemo(() => degrees(workflow.edges), [workflow]);
  const filtered = search ? workflow.tasks.filter((t) => t.id.includes(search)) : workflow.tasks;
  const pages = Math.max(1, Math.ceil(filtered.length / TASK_PAGE));
  const shown = filtered.slice(page * TASK_PAGE, (page + 1) * TASK_PAGE);
  return (
    <Section title="Tasks" testId="tasks">
      <div className="filters">
        <input
          placeholder="task id contains"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(0);
          }}
        />
        <span className="muted small">
          page {page + 1} of {pages}{' '}
          <button type="button" className="secondary small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            ‹
          </button>{' '}
          <button type="button" className="secondary small" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            ›
          </button>
        </span>
      </div>
      <table className="table compact" data-testid="task-table">
        <thead>
          <tr>
            <th>task</th>
            <th className="num">in</th>
            <th className="num">out</th>
            <th className="num">work</th>
            {processors.map((p) => (
              <th key={p} className="num">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((task) => {
            const costs = new Map(task.costs.map((c) => [c.processor, c.time]));
            const [inDegree, outDegree] = degree.get(task.id) ?? [0, 0];
            return (
              <tr key={task.id}>
                <td>{task.id}</td>
                <td className="num">{inDegree}</td>
                <td className="num">{outDegree}</td>
                <td className="num">{formatNumber(task.work)}</td>
                {processors.map((p) => (
                  <td key={p} className="num">
                    {formatNumber(costs.get(p))}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

function WorkflowRuns({ id }: { id: string }) {
  const runs = usePaged(WorkflowRunsQuery, { id }, (data) => data.workflow.runs);
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (runId: string) => setSelected((s) => (s.includes(runId) ? s.filter((x) => x !== runId) : [...s, runId]));
  return (
    <Section
      title="Runs"
      testId="workflow-runs"
      actions={
        <button type="button" className="secondary" disabled={selected.length < 2} onClick={() => navigate(`/compare?runs=${selected.join(',')}`)} data-testid="compare-selected">
          Compare {selected.length > 1 ? selected.length : ''} runs
        </button>
      }
    >
      <ErrorBox error={runs.error} />
      <table className="table">
        <thead>
          <tr>
            <th />
            <th>scheduler</th>
            <th>cluster</th>
            <th>status</th>
            <th className="num">makespan</th>
            <th>created</th>
          </tr>
        </thead>
        <tbody>
          {runs.list.rows.map((run) => (
            <tr key={run.id}>
              <td>
                <input type="checkbox" checked={selected.includes(run.id)} onChange={() => toggle(run.id)} disabled={run.status !== 'SUCCEEDED'} aria-label="compare" />
              </td>
              <td>
                <Link to={`/runs/${run.id}`}>{run.scheduler}</Link>
              </td>
              <td>{run.cluster.name ?? run.cluster.id}</td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td className="num">{formatNumber(run.makespan)}</td>
              <td>{formatDate(run.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.list.rows.length === 0 && !runs.loading ? <p className="muted">No runs of this workflow yet.</p> : null}
      <LoadMore hasNextPage={runs.list.hasNextPage} loading={runs.loading} onClick={runs.loadMore} />
    </Section>
  );
}
