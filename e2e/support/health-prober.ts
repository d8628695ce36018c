import { spawn } from 'node:child_process';

export interface Probe {
  /** When it was sent (Date.now()). */
  at: number;
  /** HTTP status, or 0 when nothing answered within the prober's bound. */
  status: number;
  /** Round trip in ms. */
  ms: number;
}

export interface HealthProber {
  /** Ends the probing and returns every probe, in order. */
  stop(): Promise<Probe[]>;
}

/**
 * The prober: a Node process of its own that GETs a URL over and over (one at a time, `everyMs` apart) until its
 * stdin closes, then prints every probe as one JSON line. Its own process, so that what the test process does
 * (building a 64 MiB body, a thousand subscriptions' callbacks) does not show up as the server's latency.
 */
const PROBER = `
const [url, everyMs, boundMs] = process.argv.slice(1);
const probes = [];
let stopping = false;
process.stdin.on('end', () => (stopping = true)).resume();
while (!stopping) {
  const at = Date.now();
  const started = performance.now();
  let status = 0;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(Number(boundMs)) });
    await response.arrayBuffer();
    status = response.status;
  } catch {}
  probes.push({ at, status, ms: Math.round((performance.now() - started) * 100) / 100 });
  await new Promise((resolve) => setTimeout(resolve, Number(everyMs)));
}
process.stdout.write(JSON.stringify(probes) + '\\n');
`;

/**
 * Starts probing `url` (e.g. an API's /healthz). A probe that gets no answer within `boundMs` counts as failed
 * (status 0): the bound only tells "answered" from "hung", it measures nothing.
 */
export function startHealthProber(url: string, everyMs = 20, boundMs = 10_000): HealthProber {
  const child = spawn(process.execPath, ['--input-type=module', '--eval', PROBER, url, String(everyMs), String(boundMs)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    async stop() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the health prober exited with ${code}:\n${stderr}`);
      return JSON.parse(stdout) as Probe[];
    },
  };
}

/** Percentile (nearest rank) of latencies in ms. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
