import { useEffect, useState } from 'react';
import { emptyLog, mergeEvent, type EventLog } from '../lib/cursor-merge.js';
import type { RunProgressSubscription as RunProgressData } from '../gql/graphql.js';
import { subscribe } from './client.js';
import { RunProgressSubscription } from './operations.js';

export type RunEvent = RunProgressData['runProgress'];

export interface RunEvents {
  log: EventLog<RunEvent>;
  /** The final status event has arrived: the run is over. */
  done: boolean;
  /** The last subscription problem, while it retries. */
  problem: string | undefined;
}

/** sessionStorage key of a run's events: a reload resumes after the last one instead of replaying them all. */
const cacheKey = (runId: string) => `hetsched.run-events.${runId}`;
/** Above this the cache is not written (sessionStorage holds a few MB per origin); a reload then replays all. */
const MAX_CACHE_CHARS = 1_500_000;
const RETRY_MS = 1000;

function cached(runId: string): EventLog<RunEvent> {
  try {
    const text = sessionStorage.getItem(cacheKey(runId));
    if (!text) return emptyLog();
    const log = JSON.parse(text) as EventLog<RunEvent>;
    // A cache must be the stream 1..n exactly; anything else is thrown away and the stream read again.
    return log.events.every((e, i) => e.sequence === i + 1) && log.lastSequence === log.events.length ? log : emptyLog();
  } catch {
    return emptyLog();
  }
}

function store(runId: string, log: EventLog<RunEvent>): void {
  try {
    const text = JSON.stringify(log);
    if (text.length <= MAX_CACHE_CHARS) sessionStorage.setItem(cacheKey(runId), text);
    else sessionStorage.removeItem(cacheKey(runId));
  } catch {
    // Storage full or unavailable: a reload replays from the server instead.
  }
}

/**
 * A run's events from `runProgress(runId, after)`: the events this tab already has (sessionStorage, so a reload
 * keeps them), then the subscription after the last one's cursor: the server replays the stored events after it
 * and then streams live ones, each once. Every event goes through mergeEvent (lib/cursor-merge), so a repeated
 * one is dropped and a gap makes it resubscribe after its cursor: no point is lost or drawn twice.
 * Events are applied at most once per animation frame (a replay brings thousands at once).
 */
export function useRunEvents(runId: string, enabled = true): RunEvents {
  const [state, setState] = useState<RunEvents>(() => {
    const log = cached(runId);
    return { log, done: log.events.some((e) => e.final), problem: undefined };
  });
  useEffect(() => {
    if (!enabled) return;
    let frame = 0;
    let latest: RunEvents | undefined;
    const flush = () => {
      frame = 0;
      store(runId, latest!.log);
      setState(latest!);
    };
    const stop = followRun(runId, (events) => {
      latest = events;
      if (!frame) frame = requestAnimationFrame(flush);
    });
    return () => {
      stop();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [runId, enabled]);
  return state;
}

/**
 * Follows a run from its cached events to its final one, calling `onChange` with the log after every change;
 * returns the function that stops following. Resubscribes after the cursor on a gap, and a second after an error.
 */
function followRun(runId: string, onChange: (events: RunEvents) => void): () => void {
  let log = cached(runId);
  let done = log.events.some((e) => e.final);
  let problem: string | undefined;
  let stop: (() => void) | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  // Callbacks of a subscription that was replaced (after a gap) or stopped here are ignored: graphql-ws may still
  // call complete on them.
  let current = 0;
  const changed = () => onChange({ log, done, problem });
  const start = () => {
    if (done) return;
    const mine = ++current;
    stop = subscribe(RunProgressSubscription, { runId, after: log.cursor }, {
      next: ({ runProgress: event }) => {
        if (mine !== current) return;
        const merged = mergeEvent(log, event);
        if (merged.outcome === 'gap') {
          current++;
          stop?.();
          start();
          return;
        }
        [log, done, problem] = [merged.log, done || event.final, undefined];
        changed();
      },
      error: (error) => {
        if (mine !== current) return;
        problem = error.message;
        changed();
        retry = setTimeout(start, RETRY_MS);
      },
      complete: () => {
        if (mine !== current) return;
        done = true;
        changed();
      },
    });
  };
  changed();
  start();
  return () => {
    current++;
    stop?.();
    clearTimeout(retry);
  };
}
