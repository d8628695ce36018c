import { useEffect, useMemo, useState } from 'react';
import { request } from '../api/client.js';
import { useMutation, useQuery } from '../api/hooks.js';
import { CancelRunMutation, RunDetailQuery, RunGanttSvgQuery } from '../api/operations.js';
import { useRunEvents } from '../api/run-events.js';
import { useCan } from '../app/role.js';
import { Link } from '../app/router.js';
import { downloadText, ErrorBox, Loading, Section, StatusBadge } from '../components/common.js';
import { ConvergenceChart } from '../components/ConvergenceChart.js';
import { GanttCanvas } from '../components/GanttCanvas.js';
import { buildGanttModel } from '../lib/gantt-geometry.js';
import { analyseSchedule } from '../lib/schedule-analysis.js';
import { formatDate, formatDuration, formatNumber, formatPercent } from '../lib/format.js';
import { buildSeries, convergencePoint } from '../lib/progress.js';
import type { RunDetailQuery as RunDetailData } from '../gql/graphql.js';

type Run = RunDetailData['scheduleRun'];
const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/**
 * One run. Live while it is queued or running (status and progress over runProgress; the GA's convergence chart;
 * cancel), then its schedule: the Gantt chart with the critical path, the metrics, and downloads.
 */
export function RunPage({ id }: { id: string }) {
  const detail = useQuery(RunDetailQuery, { id });
  const run = detail.data?.scheduleRun;
  const live = !!run && !FINAL.has(run.status);
  // Events are read for a live run, and for a finished one whose scheduler reports progress (its convergence).
  const events = useRunEvents(id, !!run);
  const reload = detail.reload;
  const lastStatus = [...events.log.events].reverse().find((e) => e.kind === 'status')?.status ?? run?.status;

  useEffect(() => {
    if (live && lastStatus && FINAL.has(lastStatus)) reload();
  }, [live, lastStatus, reload]);

  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!run) return <Loading what="the run" />;
  return (
    <div className="stack">
      <RunHeader run={run} status={live ? (lastStatus ?? run.status) : run.status} />
      <Progress events={events} live={live} />
      {run.status === 'SUCCEEDED' && run.assignments ? <Schedule run={run} /> : null}
    </div>
  );
}

function RunHeader({ run, status }: { run: Run; status: string }) {
  const canCancel = useCan('SUBMITTER');
  const cancel = useMutation(CancelRunMutation);
  const [now, setNow] = useState(() => Date.now());
  const running = !FINAL.has(status);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const started = run.startedAt ? Date.parse(run.startedAt) : undefined;
  const ended = run.finishedAt ? Date.parse(run.finishedAt) : running ? now : undefined;
  return (
    <Section
      title={`${run.scheduler} on ${run.workflow.name ?? run.workflow.id}`}
      testId="run"
      actions={
        running && canCancel ? (
          <button type="button" className="danger" disabled={cancel.busy} onClick={() => void cancel.run({ id: run.id })} data-testid="cancel-run">
            Cancel run
          </button>
        ) : null
      }
    >
      <p>
        <StatusBadge status={status} /> {run.error ? <span className="error-text">{run.error}</span> : null}
      </p>
      <dl className="facts">
        <dt>workflow</dt>
        <dd>
          <Link to={`/workflows/${run.workflow.id}`}>{run.workflow.name ?? run.workflow.id}</Link> ({run.workflow.taskCount} tasks)
        </dd>
        <dt>cluster</dt>
        <dd>
          <Link to={`/clusters/${run.cluster.id}`}>{run.cluster.name ?? run.cluster.id}</Link> ({run.cluster.processors.length} processors)
        </dd>
        <dt>scheduler</dt>
        <dd>
          {run.scheduler} {run.schedulerVersion} {run.modelVersion ? `(model ${run.modelVersion})` : ''}
        </dd>
        <dt>options</dt>
        <dd>
          <code>{JSON.stringify(run.options)}</code>
        </dd>
        <dt>created</dt>
        <dd>{formatDate(run.createdAt)}</dd>
        <dt>elapsed</dt>
        <dd data-testid="run-elapsed">{started !== undefined && ended !== undefined ? formatDuration(ended - started) : '–'}</dd>
      </dl>
      <ErrorBox error={cancel.error} />
    </Section>
  );
}

function Progress({ events, live }: { events: ReturnType<typeof useRunEvents>; live: boolean }) {
  const series = useMemo(() => buildSeries(events.log.events.map((event) => (event.kind === 'progress' ? convergencePoint(event.data) : null))), [events.log]);
  const last = [...events.log.events].reverse().find((e) => e.kind === 'progress');
  if (series.generation.length === 0 && !live) return null;
  const lastPoint = last ? convergencePoint(last.data) : null;
  return (
    <Section title={series.generation.length > 0 ? 'Convergence' : 'Progress'} testId="progress">
      {live ? (
        <p className="muted" data-testid="progress-line">
          {last?.fraction !== null && last?.fraction !== undefined ? `${formatPercent(last.fraction)} · ` : ''}
          {lastPoint ? `generation ${lastPoint.generation} · best ${formatNumber(lastPoint.best)} · GA elapsed ${formatDuration(lastPoint.elapsedMs)}` : (last?.message ?? 'waiting for the first report…')}
          {events.problem ? ` · reconnecting: ${events.problem}` : ''}
        </p>
      ) : null}
      {series.generation.length > 0 ? <ConvergenceChart series={series} /> : null}
      <p className="muted small">
        {events.log.events.length} events received{events.done ? ', the run is over' : ''}.
      </p>
    </Section>
  );
}

function Schedule({ run }: { run: Run }) {
  const model = useMemo(() => buildGanttModel(run.assignments ?? [], run.cluster.processors.map((p) => p.id)), [run]);
  const analysis = useMemo(() => analyseSchedule(model, run.workflow.edges, run.cluster.network), [model, run]);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const svg = async () => {
    setDownloading(true);
    try {
      const { scheduleRun } = await request(RunGanttSvgQuery, { id: run.id });
      if (scheduleRun.ganttSvg) downloadText(`run-${run.id}.svg`, scheduleRun.ganttSvg, 'image/svg+xml');
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setDownloading(false);
    }
  };
  const json = () => {
    const { workflow, cluster, ...rest } = run;
    downloadText(`run-${run.id}.json`, JSON.stringify({ ...rest, workflow: { id: workflow.id, name: workflow.name }, cluster: { id: cluster.id, name: cluster.name } }, null, 2), 'application/json');
  };
  return (
    <>
      <Section
        title="Schedule"
        testId="schedule-chart"
        actions={
          <>
            <button type="button" className="secondary" onClick={() => void svg()} disabled={downloading} data-testid="download-svg">
              Download SVG
            </button>
            <button type="button" className="secondary" onClick={json} data-testid="download-json">
              Download JSON
            </button>
          </>
        }
      >
        <p className="metric-line">
          makespan <strong data-testid="makespan">{formatNumber(run.makespan)}</strong> · critical path {analysis.criticalPath.length} tasks
        </p>
        <GanttCanvas model={model} analysis={analysis} onReady={() => performance.mark('run-page-ready')} />
        <ErrorBox error={error} />
      </Section>
      <Metrics run={run} />
      <AssignmentTable run={run} />
    </>
  );
}

function Metrics({ run }: { run: Run }) {
  const m = run.metrics;
  if (!m) return null;
  return (
    <Section title="Metrics" testId="metrics">
      <div className="metrics">
        {[
          ['makespan', formatNumber(m.makespan)],
          ['SLR', formatNumber(m.slr)],
          ['speedup', formatNumber(m.speedup)],
          ['efficiency', formatPercent(m.efficiency)],
          ['average turnaround', formatNumber(m.averageTurnaround)],
        ].map(([label, value]) => (
          <div key={label} className="metric" data-testid={`metric-${label}`}>
            <div className="metric-value">{value}</div>
            <div className="muted small">{label}</div>
          </div>
        ))}
      </div>
      <table className="table compact" data-testid="utilisation">
        <thead>
          <tr>
            <th>processor</th>
            <th className="num">utilisation</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {m.utilisation.map((u) => (
            <tr key={u.processor}>
              <td>{u.processor}</td>
              <td className="num">{formatPercent(u.utilisation)}</td>
              <td className="bar-cell">
                <div className="bar" style={{ width: `${Math.min(100, u.utilisation * 100)}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

const ASSIGNMENT_PAGE = 50;

function AssignmentTable({ run }: { run: Run }) {
  const [page, setPage] = useState(0);
  const rows = run.assignments ?? [];
  const pages = Math.max(1, Math.ceil(rows.length / ASSIGNMENT_PAGE));
  return (
    <Section title="Assignments" testId="assignments">
      <p className="muted small">
        {rows.length} tasks, by start time · page {page + 1} of {pages}{' '}
        <button type="button" className="secondary small" disabled={page === 0} onClick={() => setPage(page - 1)}>
          ‹
        </button>{' '}
        <button type="button" className="secondary small" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
          ›
        </button>
      </p>
      <table className="table compact" data-testid="assignment-table">
        <thead>
          <tr>
            <th>task</th>
            <th>processor</th>
            <th className="num">start</th>
            <th className="num">finish</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(page * ASSIGNMENT_PAGE, (page + 1) * ASSIGNMENT_PAGE).map((a) => (
            <tr key={a.task}>
              <td>{a.task}</td>
              <td>{a.processor}</td>
              <td className="num">{formatNumber(a.start)}</td>
              <td className="num">{formatNumber(a.finish)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
