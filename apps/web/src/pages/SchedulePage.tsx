import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '../api/hooks.js';
import { ClustersQuery, CompareSchedulersMutation, SchedulersQuery, ScheduleWorkflowMutation, WorkflowsQuery } from '../api/operations.js';
import { useCan } from '../app/role.js';
import { navigate, useLocation } from '../app/router.js';
import { ErrorBox, Loading, Section } from '../components/common.js';
import { OptionsForm } from '../components/OptionsForm.js';
import { describeFields, initialValues, readOptions, type FormField, type FormValues } from '../lib/options-form.js';
import type { SchedulersQuery as SchedulersData } from '../gql/graphql.js';

/** compareSchedulers takes at most this many (docs/api.md#limits). */
const MAX_COMPARED = 64;

interface Choice {
  fields: FormField[];
  values: FormValues;
}

type Scheduler = SchedulersData['schedulers'][number];

/** Each chosen scheduler's options read from its form, or the problems by scheduler when a value is wrong. */
function readSelections(chosen: Record<string, Choice>): { selections: { scheduler: string; options: Record<string, unknown> }[]; problems: Record<string, Record<string, string>> } {
  const selections: { scheduler: string; options: Record<string, unknown> }[] = [];
  const problems: Record<string, Record<string, string>> = {};
  for (const [scheduler, choice] of Object.entries(chosen)) {
    const read = readOptions(choice.fields, choice.values);
    if (Object.keys(read.errors).length > 0) problems[scheduler] = read.errors;
    selections.push({ scheduler, options: read.options });
  }
  return { selections, problems };
}

/** Schedule: a workflow, a cluster, and one scheduler (scheduleWorkflow) or several (compareSchedulers), each with its options form. */
export function SchedulePage() {
  const { query } = useLocation();
  const [workflowId, setWorkflowId] = useState(query.get('workflow') ?? '');
  const [clusterId, setClusterId] = useState(query.get('cluster') ?? '');
  const schedulers = useQuery(SchedulersQuery, {});
  const [chosen, setChosen] = useState<Record<string, Choice>>({});
  const [errors, setErrors] = useState<Record<string, Record<string, string>>>({});
  const schedule = useMutation(ScheduleWorkflowMutation);
  const compare = useMutation(CompareSchedulersMutation);
  const canSchedule = useCan('SUBMITTER');
  const enabled = useMemo(() => (schedulers.data?.schedulers ?? []).filter((s) => s.enabled), [schedulers.data]);
  const names = Object.keys(chosen);

  if (!canSchedule) return <ErrorBox error={new Error('Scheduling needs the SUBMITTER role.')} />;
  if (schedulers.error) return <ErrorBox error={schedulers.error} />;
  if (!schedulers.data) return <Loading what="the schedulers" />;

  // One scheduler: a run; several: a comparison; `all`: every enabled scheduler, the chosen ones with their options.
  const submit = async (all: boolean) => {
    const { selections, problems } = readSelections(chosen);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (selections.length === 1 && !all) {
      const result = await schedule.run({ workflowId, clusterId, scheduler: selections[0]!.scheduler, options: selections[0]!.options });
      if (result) navigate(`/runs/${result.scheduleWorkflow.id}`);
    } else {
      const result = await compare.run({ workflowId, clusterId, schedulers: selections, all });
      if (result) navigate(`/compare?runs=${result.compareSchedulers.runs.map((r) => r.id).join(',')}`);
    }
  };
  const ready = workflowId && clusterId && names.length > 0 && names.length <= MAX_COMPARED;
  return (
    <div className="stack">
      <Section title="Schedule" testId="schedule">
        <ProblemPicker workflowId={workflowId} clusterId={clusterId} onWorkflow={setWorkflowId} onCluster={setClusterId} />
        <SchedulerPicker schedulers={enabled} chosen={chosen} onChange={setChosen} />
      </Section>
      {names.map((name) => (
        <Section key={name} title={`${name} options`} testId={`options-${name}`}>
          <p className="muted small">{enabled.find((s) => s.name === name)?.description}</p>
          <OptionsForm
            fields={chosen[name]!.fields}
            values={chosen[name]!.values}
            errors={errors[name] ?? {}}
            idPrefix={name}
            onChange={(values) => setChosen((c) => ({ ...c, [name]: { ...c[name]!, values } }))}
          />
        </Section>
      ))}
      <div className="actions">
        <button type="button" disabled={!ready || schedule.busy || compare.busy} onClick={() => void submit(false)} data-testid="schedule-submit">
          {names.length > 1 ? `Compare ${names.length} schedulers` : 'Schedule'}
        </button>
        <button type="button" className="secondary" disabled={!workflowId || !clusterId || compare.busy} onClick={() => void submit(true)} data-testid="compare-all">
          Compare all {enabled.length} enabled schedulers
        </button>
        {names.length > MAX_COMPARED ? <span className="error">At most {MAX_COMPARED} schedulers at once.</span> : null}
      </div>
      <ErrorBox error={schedule.error ?? compare.error} />
    </div>
  );
}

/** The workflow (searchable by name) and the cluster to schedule on; an id from the address stays selectable. */
function ProblemPicker({ workflowId, clusterId, onWorkflow, onCluster }: { workflowId: string; clusterId: string; onWorkflow(id: string): void; onCluster(id: string): void }) {
  const [workflowSearch, setWorkflowSearch] = useState('');
  const workflows = useQuery(WorkflowsQuery, { first: 100, filter: workflowSearch ? { nameContains: workflowSearch } : {} });
  const clusters = useQuery(ClustersQuery, { first: 100 });
  return (
    <div className="grid2">
      <label>
        workflow
        <input placeholder="filter by name" value={workflowSearch} onChange={(e) => setWorkflowSearch(e.target.value)} />
        <select value={workflowId} onChange={(e) => onWorkflow(e.target.value)} data-testid="schedule-workflow-select">
          <option value="">choose a workflow</option>
          {workflowId && !workflows.data?.workflows.edges.some((e) => e.node.id === workflowId) ? <option value={workflowId}>{workflowId}</option> : null}
          {workflows.data?.workflows.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name ?? node.id} ({node.taskCount} tasks)
            </option>
          ))}
        </select>
      </label>
      <label>
        cluster
        <select value={clusterId} onChange={(e) => onCluster(e.target.value)} data-testid="schedule-cluster-select">
          <option value="">choose a cluster</option>
          {clusterId && !clusters.data?.clusters.edges.some((e) => e.node.id === clusterId) ? <option value={clusterId}>{clusterId}</option> : null}
          {clusters.data?.clusters.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name ?? node.id} ({node.processorCount} processors)
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** A checkbox per enabled scheduler; checking one adds its options form (from its optionsSchema, defaults filled in). */
function SchedulerPicker({ schedulers, chosen, onChange }: { schedulers: Scheduler[]; chosen: Record<string, Choice>; onChange(update: (chosen: Record<string, Choice>) => Record<string, Choice>): void }) {
  const toggle = (name: string, schema: unknown) =>
    onChange((current) => {
      if (current[name]) {
        const { [name]: _removed, ...rest } = current;
        return rest;
      }
      const fields = describeFields(schema);
      return { ...current, [name]: { fields, values: initialValues(fields) } };
    });
  return (
    <>
      <h3>Schedulers</h3>
      <p className="muted small">Pick one to schedule, or several (up to {MAX_COMPARED}) to compare them on the same problem.</p>
      <div className="scheduler-list">
        {schedulers.map((s) => (
          <label key={s.name} className="scheduler-choice" title={s.description}>
            <input type="checkbox" checked={!!chosen[s.name]} onChange={() => toggle(s.name, s.optionsSchema)} data-testid={`scheduler-${s.name}`} />
            <strong>{s.name}</strong> <span className="muted small">{s.version}</span>
            {s.capabilities.progress ? <span className="badge">progress</span> : null}
          </label>
        ))}
      </div>
    </>
  );
}
