import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '@hetsched/db';
import { FINAL_STATUSES } from './channels.js';

/** Seconds buckets of run durations: a HEFT run takes milliseconds, a GA or a training run minutes. */
const RUN_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 600, 1800];

/**
 * The metrics every hetsched process exposes on /metrics (Prometheus text format): Node's own (event-loop lag,
 * heap, GC, CPU), the runs by status and the queue's depth (read from the database at scrape time, so every process
 * reports the same), the database pool's use, and — in processes that execute runs — run durations per scheduler.
 * docs/runs.md lists them with a minimal alert set.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  /** Observed by the worker when a run ends: seconds from start to end, by scheduler, kind and final status. */
  readonly runDuration = new Histogram({
    name: 'hetsched_run_duration_seconds',
    help: 'Duration of runs executed by this process, from start to final status',
    labelNames: ['scheduler', 'kind', 'status'],
    buckets: RUN_DURATION_BUCKETS,
    registers: [this.registry],
  });

  private readonly pools = new Map<string, Pick<Store['pool'], 'totalCount' | 'idleCount' | 'waitingCount'>>();
  /** Request durations, observed by servers that answer HTTP. */
  readonly httpDuration = new Histogram({
    name: 'hetsched_http_request_duration_seconds',
    help: 'HTTP request durations by route (a fixed set) and status class',
    labelNames: ['route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });

  /** GraphQL answers served from the API's response cache (hit) or computed for it (miss). */
  readonly responseCache = new Counter({
    name: 'hetsched_graphql_response_cache_total',
    help: 'Cacheable GraphQL requests by outcome: hit (answered from the cache), miss (executed, then kept)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor(store: Pick<Store, 'pool'>, process: 'api' | 'worker') {
    this.pools.set('engine', store.pool);
    const pools = this.pools;
    this.registry.setDefaultLabels({ process });
    collectDefaultMetrics({ register: this.registry, prefix: 'hetsched_' });
    new Gauge({
      name: 'hetsched_runs',
      help: 'Runs in the database by status and kind (final statuses included: their growth is the throughput)',
      labelNames: ['status', 'kind'],
      registers: [this.registry],
      async collect() {
        const { rows } = await store.pool.query<{ status: string; kind: string; count: string }>('SELECT status, kind, count(*) AS count FROM runs GROUP BY status, kind');
        this.reset();
        for (const row of rows) this.set({ status: row.status, kind: row.kind }, Number(row.count));
      },
    });
    new Gauge({
      name: 'hetsched_queue_depth',
      help: 'Runs waiting for a worker (QUEUED)',
      registers: [this.registry],
      async collect() {
        const { rows } = await store.pool.query<{ count: string }>(`SELECT count(*) AS count FROM runs WHERE status = 'QUEUED'`);
        this.set(Number(rows[0]!.count));
      },
    });
    new Gauge({
      name: 'hetsched_db_pool_connections',
      help: "This process's database pool: connections by state (waiting: requests queued for a connection)",
      registers: [this.registry],
      labelNames: ['pool', 'state'],
      collect() {
        for (const [pool, stats] of pools) {
          this.set({ pool, state: 'total' }, stats.totalCount);
          this.set({ pool, state: 'idle' }, stats.idleCount);
          this.set({ pool, state: 'waiting' }, stats.waitingCount);
        }
      },
    });
  }

  /** Reports another pool of this process (the API's own) beside the engine's. */
  watchPool(name: string, pool: Pick<Store['pool'], 'totalCount' | 'idleCount' | 'waitingCount'>): void {
    this.pools.set(name, pool);
  }

  /** Records a run that reached a final status, if it had started. */
  observeRun(run: { scheduler: string; kind: string; status: string; startedAt: Date | null; finishedAt: Date | null }): void {
    if (!run.startedAt || !run.finishedAt || !(FINAL_STATUSES as readonly string[]).includes(run.status)) return;
    this.runDuration.observe({ scheduler: run.scheduler, kind: run.kind, status: run.status }, (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000);
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
