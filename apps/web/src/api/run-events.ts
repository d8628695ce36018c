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
 * one is dropped and a gap makes the hook resubscribe after its cursor: no point is lost or drawn twice.
 * Events are applied at most once per animation frame (a replay brings thousands at once).
 */
export function useRunEvents(runId: string, enabled = true): RunEvents {
  const [state, setState] = useState<RunEvents>(() => {
    const log = cached(runId);
    return { log, done: log.events.some((e) => e.final), problem: undefined };
  });

  useEffect(() => {
    if (!enabled) return;
    let log = cached(runId);
    let done = log.events.some((e) => e.final);
    let problem: string | undefined;
    let stop: (() => void) | undefined;
    let frame = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    setState({ log, done, problem });
    const flush = () => {
      frame = 0;
      store(runId, log);
      setState({ log, done, problem });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(flush);
    };
    // Callbacks of a subscription that was replaced (after a gap) or ended here are ignored: graphql-ws may still
    // call complete on them.
    let current = 0;
    const start = () => {
      if (closed || done) return;
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
          log = merged.log;
          if (event.final) done = true;
          problem = undefined;
          schedule();
        },
        error: (error) => {
          if (mine !== current) return;
          problem = error.message;
          schedule();
          retry = setTimeout(start, RETRY_MS);
        },
        complete: () => {
          if (mine !== current) return;
          done = true;
          schedule();
        },
      });
    };
    start();
    return () => {
      closed = true;
      current++;
      stop?.();
      clearTimeout(retry);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [runId, enabled]);

  return state;
}
