import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '../api/hooks.js';
import { ApiTokensQuery, CreateApiTokenMutation, ModelsQuery, RegisterPluginMutation, RevokeApiTokenMutation, SchedulersQuery, SetSchedulerEnabledMutation, TrainingRunsQuery } from '../api/operations.js';
import { usePaged } from '../api/paged.js';
import { useRunEvents } from '../api/run-events.js';
import { useCan } from '../app/role.js';
import { ErrorBox, LoadMore, Loading, Section, StatusBadge } from '../components/common.js';
import { LineChart } from '../components/LineChart.js';
import { formatBytes, formatDate, formatNumber } from '../lib/format.js';
import { epochPoint } from '../lib/progress.js';
import type { Role } from '../gql/graphql.js';

/** Administration (ADMIN): schedulers, API tokens, trained models and their training runs. */
export function AdminPage() {
  const isAdmin = useCan('ADMIN');
  if (!isAdmin) return <ErrorBox error={new Error('The admin pages need the ADMIN role.')} />;
  return (
    <div className="stack">
      <Schedulers />
      <Tokens />
      <Models />
      <TrainingRuns />
    </div>
  );
}

function Schedulers() {
  const schedulers = useQuery(SchedulersQuery, {});
  const setEnabled = useMutation(SetSchedulerEnabledMutation);
  return (
    <Section title="Schedulers" testId="admin-schedulers">
      <ErrorBox error={schedulers.error ?? setEnabled.error} />
      {!schedulers.data ? (
        <Loading />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>name</th>
              <th>version</th>
              <th>capabilities</th>
              <th>description</th>
              <th>enabled</th>
            </tr>
          </thead>
          <tbody>
            {schedulers.data.schedulers.map((s) => (
              <tr key={s.name}>
                <td>
                  <strong>{s.name}</strong>
                </td>
                <td>{s.version}</td>
                <td className="small">
                  {[s.capabilities.progress && 'progress', s.capabilities.cancellable && 'cancellable', s.capabilities.deterministic && 'deterministic', s.training && 'learning']
                    .filter(Boolean)
                    .join(', ')}
                </td>
                <td className="small">{s.description}</td>
                <td>
                  <input
                    type="checkbox"
                    checked={s.enabled}
                    aria-label={`enable ${s.name}`}
                    data-testid={`enabled-${s.name}`}
                    onChange={(e) => void setEnabled.run({ name: s.name, enabled: e.target.checked }).then(() => schedulers.reload())}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RegisterPlugin onRegistered={schedulers.reload} />
    </Section>
  );
}

function RegisterPlugin({ onRegistered }: { onRegistered(): void }) {
  const register = useMutation(RegisterPluginMutation);
  const [name, setName] = useState('');
  const onRegister = async (event: FormEvent) => {
    event.preventDefault();
    if (await register.run({ package: name.trim() })) {
      setName('');
      onRegistered();
    }
  };
  return (
    <>
      <form className="inline-form" onSubmit={(e) => void onRegister(e)}>
        <label>
          Register an installed plugin package
          <input value={name} placeholder="@acme/hetsched-scheduler-foo" onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={!name.trim() || register.busy}>
          Register
        </button>
      </form>
      <p className="muted small">Only packages already installed in the server&apos;s node_modules, by plain npm name (docs/plugins.md).</p>
      <ErrorBox error={register.error} />
    </>
  );
}

function Tokens() {
  const [showRevoked, setShowRevoked] = useState(false);
  const tokens = useQuery(ApiTokensQuery, { includeRevoked: showRevoked });
  const revoke = useMutation(RevokeApiTokenMutation);
  return (
    <Section title="API tokens" testId="admin-tokens">
      <label className="inline">
        <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} /> show revoked tokens
      </label>
      <ErrorBox error={tokens.error ?? revoke.error} />
      <table className="table" data-testid="token-table">
        <thead>
          <tr>
            <th>name</th>
            <th>role</th>
            <th>created</th>
            <th>last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.data?.apiTokens.map((t) => (
            <tr key={t.id} className={t.revokedAt ? 'revoked' : ''}>
              <td>{t.name}</td>
              <td>{t.role}</td>
              <td>{formatDate(t.createdAt)}</td>
              <td>{formatDate(t.lastUsedAt)}</td>
              <td>
                {t.revokedAt ? (
                  `revoked ${formatDate(t.revokedAt)}`
                ) : (
                  <button type="button" className="danger small" onClick={() => void revoke.run({ id: t.id }).then(() => tokens.reload())}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateToken onCreated={tokens.reload} />
    </Section>
  );
}

/** A new token's form; its secret is shown here once (the API stores only its hash). */
function CreateToken({ onCreated }: { onCreated(): void }) {
  const create = useMutation(CreateApiTokenMutation);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('READER');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create.run({ name, role });
    if (result) {
      setSecret({ name: result.createApiToken.apiToken.name, token: result.createApiToken.token });
      setName('');
      onCreated();
    }
  };
  return (
    <>
      <form className="inline-form" onSubmit={(e) => void onCreate(e)}>
        <input value={name} placeholder="token name" onChange={(e) => setName(e.target.value)} data-testid="token-name" aria-label="token name" />
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="token-role" aria-label="role">
          <option>READER</option>
          <option>SUBMITTER</option>
          <option>ADMIN</option>
        </select>
        <button type="submit" disabled={!name.trim() || create.busy} data-testid="token-create">
          Create token
        </button>
      </form>
      <ErrorBox error={create.error} />
      {secret ? (
        <div className="notice" data-testid="token-secret">
          The secret of “{secret.name}”, shown this once: <code>{secret.token}</code>
        </div>
      ) : null}
    </>
  );
}

function Models() {
  const models = usePaged(ModelsQuery, {}, (data) => data.modelVersions);
  return (
    <Section title="Model versions" testId="admin-models">
      <ErrorBox error={models.error} />
      <table className="table">
        <thead>
          <tr>
            <th>id</th>
            <th>name</th>
            <th>scheduler</th>
            <th>metrics</th>
            <th className="num">size</th>
            <th>created</th>
          </tr>
        </thead>
        <tbody>
          {models.list.rows.map((m) => (
            <tr key={m.id}>
              <td>
                <code>{m.id}</code>
              </td>
              <td>{m.name ?? ''}</td>
              <td>{m.plugin}</td>
              <td className="small">
                {Object.entries(m.metrics)
                  .filter(([, v]) => typeof v === 'number')
                  .map(([k, v]) => `${k} ${formatNumber(v as number)}`)
                  .join(' · ')}
              </td>
              <td className="num">{formatBytes(m.sizeBytes)}</td>
              <td>{formatDate(m.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {models.list.rows.length === 0 && !models.loading ? <p className="muted">No trained model stored yet (the built-in DeepSched model ships with the code).</p> : null}
      <LoadMore hasNextPage={models.list.hasNextPage} loading={models.loading} onClick={models.loadMore} />
    </Section>
  );
}

function TrainingRuns() {
  const runs = usePaged(TrainingRunsQuery, {}, (data) => data.trainingRuns);
  const [shown, setShown] = useState<string | null>(null);
  return (
    <Section title="Training runs" testId="admin-training">
      <ErrorBox error={runs.error} />
      <table className="table">
        <thead>
          <tr>
            <th>created</th>
            <th>scheduler</th>
            <th>status</th>
            <th>model</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.list.rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDate(r.createdAt)}</td>
              <td>{r.scheduler}</td>
              <td>
                <StatusBadge status={r.status} /> {r.error ? <span className="muted small">{r.error}</span> : null}
              </td>
              <td>{r.modelVersion ? <code>{r.modelVersion}</code> : ''}</td>
              <td>
                <button type="button" className="secondary small" onClick={() => setShown(shown === r.id ? null : r.id)}>
                  {shown === r.id ? 'Hide' : 'Loss curve'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.list.rows.length === 0 && !runs.loading ? <p className="muted">No training runs.</p> : null}
      <LoadMore hasNextPage={runs.list.hasNextPage} loading={runs.loading} onClick={runs.loadMore} />
      {shown ? <LossCurve runId={shown} /> : null}
    </Section>
  );
}

/** Train and validation loss per epoch, from the training run's epoch events (live while it trains). */
function LossCurve({ runId }: { runId: string }) {
  const events = useRunEvents(runId);
  const data = useMemo(() => {
    const epochs: number[] = [];
    const train: (number | null)[] = [];
    const validation: (number | null)[] = [];
    for (const event of events.log.events) {
      const point = epochPoint(event.data);
      if (!point || (epochs.length > 0 && point.epoch <= epochs[epochs.length - 1]!)) continue;
      epochs.push(point.epoch);
      train.push(point.trainLoss);
      validation.push(point.validationLoss);
    }
    return [epochs, train, validation] as [number[], (number | null)[], (number | null)[]];
  }, [events.log]);
  return (
    <div className="loss-curve">
      <h3>Loss per epoch</h3>
      {data[0].length === 0 ? (
        <p className="muted">{events.done ? 'This run reported no epoch.' : 'Waiting for the first epoch…'}</p>
      ) : (
        <LineChart data={data} series={[{ label: 'train loss', stroke: '#4e79a7' }, { label: 'validation loss', stroke: '#e15759' }]} xLabel="epoch" yLabel="loss" testId="loss-curve" />
      )}
    </div>
  );
}
