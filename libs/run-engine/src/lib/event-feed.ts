import type { RunEventRecord, Store } from '@hetsched/db';
import { CHANNELS, isFinalStatus } from './channels.js';
import { isDatabaseUnavailable } from './database-outage.js';
import type { PgListener } from './pg-listener.js';
import { eventFromNotification, isFinalEvent, parseNotification, type EventNotification } from './run-events.js';

type Signal = EventNotification | 'resync';
type Subscriber = (signal: Signal) => void;

/** A waiting queue that can be closed from outside (an iterator's `return()` must not wait for the next event). */
class Inbox<T> {
  private items: T[] = [];
  private wake: (() => void) | undefined;
  closed = false;
  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }
  close(): void {
    this.closed = true;
    this.wake?.();
  }
  /** Everything queued, waiting for at least one item (or `timeoutMs`: then []); [] once closed. */
  async take(timeoutMs?: number): Promise<T[]> {
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    while (this.items.length === 0 && !this.closed && !timedOut) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        if (timeoutMs !== undefined) {
          timer = setTimeout(() => {
            timedOut = true;
            resolve();
          }, timeoutMs);
        }
      });
      clearTimeout(timer);
    }
    this.wake = undefined;
    return this.closed ? [] : this.items.splice(0);
  }
}

/** An async generator whose `return()` ends it at once, even while it waits for the next item. */
function closable<T>(inbox: Inbox<unknown>, generator: AsyncGenerator<T>): AsyncIterableIterator<T> & { return(): Promise<IteratorResult<T>> } {
  return {
    next: () => generator.next(),
    return: async () => {
      inbox.close();
      return generator.return(undefined as never);
    },
    throw: (error: unknown) => generator.throw(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

const REPLAY_PAGE = 500;
/** After this long without a notification, a subscription re-reads the store and checks the run's status. */
export const SILENCE_CHECK_MS = 10_000;

/**
 * Fans run events out to subscribers in this process, from the NOTIFYs of every process. Each subscription
 * registers for live notifications BEFORE reading the stored events after its cursor, then de-duplicates by
 * sequence; a gap (a notification without its event, or one that skips a number) and a listener reconnect make it
 * re-read the store after its last sequence. So a subscriber sees every event once, in order. A database outage
 * while a subscription waits does not end it: a catch-up that finds the database unavailable is dropped, and the
 * listener's reconnect (or the next silence check) reads from the same sequence again.
 */
export class RunEventFeed {
  private readonly byRun = new Map<string, Set<Subscriber>>();
  private readonly statusSubscribers = new Set<Subscriber>();
  private readonly onNotification = (channel: string, payload: string) => {
    if (channel !== CHANNELS.runEvents) return;
    const n = parseNotification(payload);
    if (!n) return;
    for (const sub of this.byRun.get(n.runId) ?? []) sub(n);
    if (n.kind === 'status') for (const sub of this.statusSubscribers) sub(n);
  };
  private readonly onReconnected = () => {
    for (const subs of this.byRun.values()) for (const sub of subs) sub('resync');
    for (const sub of this.statusSubscribers) sub('resync');
  };

  constructor(
    private readonly store: Pick<Store, 'events' | 'runs'>,
    private readonly listener: PgListener,
    private readonly silenceCheckMs = SILENCE_CHECK_MS,
  ) {
    listener.on('notification', this.onNotification);
    listener.on('reconnected', this.onReconnected);
  }

  stop(): void {
    this.listener.off('notification', this.onNotification);
    this.listener.off('reconnected', this.onReconnected);
  }

  /** The run's events after `afterSequence`, then live ones, ending after the final status event. */
  events(runId: string, afterSequence = 0): AsyncIterableIterator<RunEventRecord> {
    const inbox = new Inbox<Signal>();
    const subscriber: Subscriber = (signal) => inbox.push(signal);
    let subs = this.byRun.get(runId);
    if (!subs) this.byRun.set(runId, (subs = new Set()));
    subs.add(subscriber); // before the replay: nothing stored after it can be missed
    const store = this.store;
    const byRun = this.byRun;
    const silenceMs = this.silenceCheckMs;
    async function* generate(): AsyncGenerator<RunEventRecord> {
      let last = afterSequence;
      try {
        const fromStore = async function* (): AsyncGenerator<RunEventRecord> {
          for (;;) {
            const page = await store.events.listAfter(runId, last, REPLAY_PAGE);
            for (const event of page) {
              last = event.sequence;
              yield event;
            }
            if (page.length < REPLAY_PAGE) return;
          }
        };
        /**
         * The live part's catch-up: like fromStore, but a database outage ends it early instead of ending the
         * subscription. `last` has not moved past what was delivered, so the next catch-up (the listener's resync
         * when it reconnects, the next silence check) reads from the same place: nothing is lost or repeated.
         */
        const catchUp = async function* (): AsyncGenerator<RunEventRecord, 'caught-up' | 'unavailable'> {
          try {
            yield* fromStore();
            return 'caught-up';
          } catch (error) {
            if (!isDatabaseUnavailable(error)) throw error;
            return 'unavailable';
          }
        };
        for await (const event of fromStore()) {
          yield event;
          if (isFinalEvent(event)) return;
        }
        for (;;) {
          const signals = await inbox.take(silenceMs);
          if (inbox.closed) return;
          if (signals.length === 0) {
            // Silence: catch up from the store, and end if the run is final without a final event (the process
            // that finished it died between its final write and the event) rather than wait forever.
            if ((yield* untilFinal(catchUp())) === 'final') return;
            const run = await store.runs.findRun(runId).catch((error: unknown) => {
              if (isDatabaseUnavailable(error)) return 'unavailable' as const;
              throw error;
            });
            if (run === 'unavailable') continue;
            if (!run || isFinalStatus(run.status)) return;
            continue;
          }
          for (const signal of signals) {
            if (signal !== 'resync' && signal.sequence <= last) continue; // already delivered
            const direct = signal !== 'resync' && signal.sequence === last + 1 ? eventFromNotification(signal) : null;
            if (direct) {
              last = direct.sequence;
              yield direct;
              if (isFinalEvent(direct)) return;
            } else if ((yield* untilFinal(catchUp())) === 'final') return;
          }
        }
      } finally {
        subs!.delete(subscriber);
        if (subs!.size === 0 && byRun.get(runId) === subs) byRun.delete(runId);
      }
    }
    return closable(inbox, generate());
  }

  /**
   * Every status event of every run from now on (ids and status; read the run for the rest). After the LISTEN
   * connection was lost and regained, the status events stored meanwhile are read from the store (from a little
   * before the last one seen: the clocks of this process and of the database need not agree) and delivered, each
   * once: a subscriber misses no status change across a reconnect.
   */
  statusChanges(): AsyncIterableIterator<EventNotification> {
    const inbox = new Inbox<Signal>();
    const subscriber: Subscriber = (signal) => inbox.push(signal);
    this.statusSubscribers.add(subscriber);
    const subscribers = this.statusSubscribers;
    const store = this.store;
    const seen = new RecentKeys(STATUS_SEEN_MEMORY);
    let since = new Date(Date.now() - CLOCK_MARGIN_MS);
    const deliver = (n: EventNotification): boolean => {
      if (!seen.add(`${n.runId}:${n.sequence}`)) return false;
      if (n.event) since = maxDate(since, new Date(new Date(n.event.createdAt).getTime() - CLOCK_MARGIN_MS));
      return true;
    };
    async function* generate(): AsyncGenerator<EventNotification> {
      try {
        for (;;) {
          const signals = await inbox.take();
          if (inbox.closed) return;
          for (const signal of signals) {
            if (signal !== 'resync') {
              if (deliver(signal)) yield signal;
              continue;
            }
            for (const event of await store.events.listStatusSince(since, STATUS_CATCH_UP_LIMIT)) {
              const n = notificationOf(event);
              if (deliver(n)) yield n;
            }
          }
        }
      } finally {
        subscribers.delete(subscriber);
      }
    }
    return closable(inbox, generate());
  }
}

/** Yields a catch-up's events up to the run's final one; says whether that final event came. */
async function* untilFinal(events: AsyncGenerator<RunEventRecord, unknown>): AsyncGenerator<RunEventRecord, 'final' | 'more'> {
  for await (const event of events) {
    yield event;
    if (isFinalEvent(event)) return 'final';
  }
  return 'more';
}

/** Status events delivered to one subscriber remembered for de-duplication. */
const STATUS_SEEN_MEMORY = 10_000;
/** Most status events one catch-up reads. */
const STATUS_CATCH_UP_LIMIT = 5_000;
/** How far back a catch-up reads before the last status event seen. */
const CLOCK_MARGIN_MS = 5_000;

/** A bounded set of recent keys: `add` is false for a key already there. */
class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly capacity: number) {}
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
    return true;
  }
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

function notificationOf(event: RunEventRecord): EventNotification {
  const status = event.data?.['status'] as EventNotification['status'];
  return { runId: event.runId, sequence: event.sequence, kind: event.kind, ...(status ? { status } : {}), event: { ...event, createdAt: event.createdAt.toISOString() } };
}
