import { useEffect, useRef, useState } from 'react';
import { subscribe } from '../api/client.js';
import { useQuery } from '../api/hooks.js';
import { RunStatusChangedSubscription, SchedulersQuery, ScheduleRunsQuery, WorkflowsQuery } from '../api/operations.js';
import { usePaged, type PagedState } from '../api/paged.js';
import { Link, navigate } from '../app/router.js';
import { ErrorBox, LoadMore, Section, StatusBadge } from '../components/common.js';
import { applyUpdate } from '../lib/cursor-merge.js';
import { formatDate, formatNumber } from '../lib/format.js';
import type { OrderDirection, RunStatus, ScheduleRunOrderField, ScheduleRunsQuery as ScheduleRunsData } from '../gql/graphql.js';

const STATUSES: RunStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

type RunRow = ScheduleRunsData['scheduleRuns']['edges'][number]['node'];

interface Filters {
  scheduler: string;
  status: string;
  workflowId: string;
  from: string;
  to: string;
  field: ScheduleRunOrderField;
  direction: OrderDirection;
}

/** A date input's day as the instant it starts (from) or ends (to), in the browser's time zone. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (end) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** The `scheduleRuns` arguments of the filters. */
function queryVariables(filters: Filters) {
  const createdAfter = dayBound(filters.from, false);
  const createdBefore = dayBound(filters.to, true);
  return {
    filter: {
      ...(filters.scheduler ? { scheduler: filters.scheduler } : {}),
      ...(filters.status ? { status: filters.status as RunStatus } : {}),
      ...(filters.workflowId ? { workflowId: filters.workflowId } : {}),
      ...(createdAfter ? { createdAfter } : {}),
      ...(createdBefore ? { createdBefore } : {}),
    },
    orderBy: { field: filters.field, direction: filters.direction },
  };
}

/**
 * The run history: `scheduleRuns` with filters and ordering, paged by cursor (pages continue after the last row
 * shown even while runs are added), live statuses from `runStatusChanged`; runs that start meanwhile are
 * announced, not inserted, so the rows do not move under the reader.
 */
export function RunsPage() {
  const [filters, setFilters] = useState<Filters>({ scheduler: '', status: '', workflowId: '', from: '', to: '', field: 'CREATED_AT', direction: 'DESC' });
  const runs = usePaged(ScheduleRunsQuery, queryVariables(filters), (data) => data.scheduleRuns);
  const arrived = useLiveRuns(runs, filters);
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <Section
      title="Runs"
      testId="runs"
      actions={
        <button type="button" className="secondary" disabled={selected.length < 2} onClick={() => navigate(`/compare?runs=${selected.join(',')}`)}>
          Compare {selected.length > 1 ? selected.length : ''} runs
        </button>
      }
    >
      <RunFilters filters={filters} onChange={(change) => setFilters((f) => ({ ...f, ...change }))} />
      {arrived > 0 ? (
        <p className="notice" data-testid="runs-arrived">
          {arrived} new run{arrived === 1 ? '' : 's'} since this list was loaded.{' '}
          <button type="button" className="secondary small" onClick={runs.reload}>
            Show
          </button>
        </p>
      ) : null}
      <ErrorBox error={runs.error} />
      <RunTable rows={runs.list.rows} selected={selected} toggle={toggle} />
      {runs.list.rows.length === 0 && !runs.loading ? <p className="muted">No runs match.</p> : null}
      <LoadMore hasNextPage={runs.list.hasNextPage} loading={runs.loading} onClick={runs.loadMore} />
    </Section>
  );
}

/**
 * Follows `runStatusChanged` for the filtered runs: a shown run is updated in place (lib/cursor-merge's
 * applyUpdate); a new one that matches the filters is counted. Returns that count.
 */
function useLiveRuns(runs: PagedState<RunRow>, filters: Filters): number {
  const [arrived, setArrived] = useState<Set<string>>(new Set());
  const { setList } = runs;
  const shown = useRef(runs.list.rows);
  shown.current = runs.list.rows;
  const createdBefore = dayBound(filters.to, true);
  useEffect(() => {
    setArrived(new Set());
    const filter = { ...(filters.scheduler ? { scheduler: filters.scheduler } : {}), ...(filters.workflowId ? { workflowId: filters.workflowId } : {}) };
    return subscribe(RunStatusChangedSubscription, { filter }, {
      next: ({ runStatusChanged: run }) => {
        const isNew = !shown.current.some((row) => row.id === run.id);
        setList((list) => applyUpdate(list, run).list);
        const matches = (!filters.status || run.status === filters.status) && (!createdBefore || run.createdAt < createdBefore);
        if (isNew && matches && run.status === 'QUEUED') setArrived((s) => new Set(s).add(run.id));
      },
    });
  }, [filters.scheduler, filters.workflowId, filters.status, createdBefore, setList]);
  return arrived.size;
}

function RunFilters({ filters, onChange }: { filters: Filters; onChange(change: Partial<Filters>): void }) {
  const schedulers = useQuery(SchedulersQuery, {});
  const workflows = useQuery(WorkflowsQuery, { first: 100 });
  return (
    <div className="filters">
      <select value={filters.scheduler} onChange={(e) => onChange({ scheduler: e.target.value })} data-testid="runs-scheduler" aria-label="scheduler">
        <option value="">any scheduler</option>
        {schedulers.data?.schedulers.map((s) => (
          <option key={s.name}>{s.name}</option>
        ))}
      </select>
      <select value={filters.status} onChange={(e) => onChange({ status: e.target.value })} data-testid="runs-status" aria-label="status">
        <option value="">any status</option>
        {STATUSES.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
      <select value={filters.workflowId} onChange={(e) => onChange({ workflowId: e.target.value })} aria-label="workflow">
        <option value="">any workflow</option>
        {workflows.data?.workflows.edges.map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name ?? node.id}
          </option>
        ))}
      </select>
      <label className="inline">
        from <input type="date" value={filters.from} onChange={(e) => onChange({ from: e.target.value })} />
      </label>
      <label className="inline">
        to <input type="date" value={filters.to} onChange={(e) => onChange({ to: e.target.value })} />
      </label>
      <select
        value={`${filters.field} ${filters.direction}`}
        onChange={(e) => onChange({ field: e.target.value.split(' ')[0] as ScheduleRunOrderField, direction: e.target.value.split(' ')[1] as OrderDirection })}
        data-testid="runs-order"
        aria-label="order"
      >
        <option value="CREATED_AT DESC">newest first</option>
        <option value="CREATED_AT ASC">oldest first</option>
        <option value="MAKESPAN ASC">shortest makespan first</option>
        <option value="MAKESPAN DESC">longest makespan first</option>
      </select>
    </div>
  );
}

function RunTable({ rows, selected, toggle }: { rows: RunRow[]; selected: string[]; toggle(id: string): void }) {
  return (
    <table className="table" data-testid="runs-table">
      <thead>
        <tr>
          <th />
          <th>created</th>
          <th>workflow</th>
          <th>cluster</th>
          <th>scheduler</th>
          <th>status</th>
          <th className="num">makespan</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((run) => (
          <tr key={run.id} data-testid="run-row" data-run={run.id}>
            <td>
              <input type="checkbox" aria-label="compare" checked={selected.includes(run.id)} disabled={run.status !== 'SUCCEEDED'} onChange={() => toggle(run.id)} />
            </td>
            <td>
              <Link to={`/runs/${run.id}`}>{formatDate(run.createdAt)}</Link>
            </td>
            <td>
              <Link to={`/workflows/${run.workflow.id}`}>{run.workflow.name ?? run.workflow.id}</Link>
            </td>
            <td>{run.cluster.name ?? run.cluster.id}</td>
            <td>{run.scheduler}</td>
            <td>
              <StatusBadge status={run.status} />
              {run.error ? <span className="muted small"> {run.error}</span> : null}
            </td>
            <td className="num">{formatNumber(run.makespan)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
