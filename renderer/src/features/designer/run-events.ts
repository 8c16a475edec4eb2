import type { EventPayload, RunStatus, RunStep, RunSummary } from '../../contract';

interface Handlers {
  onDelta(payload: EventPayload<'run.delta'>): void;
  onStep(payload: EventPayload<'run.step'>): void;
  onFinished(run: RunSummary): void;
}

interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

type Buffered =
  | { kind: 'delta'; payload: EventPayload<'run.delta'> }
  | { kind: 'step'; payload: EventPayload<'run.step'> }
  | { kind: 'finished'; payload: RunSummary };

interface Tracked {
  seenSteps: Set<number>;
  poll: unknown;
  polling: boolean;
}

const bufferLimit = 1000;
const endedStatuses: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'succeeded',
  'handed_over',
  'failed',
  'cancelled',
  'interrupted',
  'waiting',
]);

/**
 * Routes run events to the runs this window started. Events can arrive before `agents.run` answers
 * with the run's id, so while a run is expected they are kept and replayed once its id is known.
 * A slow poll of `runs.get` covers a missed or closed event stream; steps are delivered once each.
 */
export class RunEvents {
  private readonly tracked = new Map<string, Tracked>();
  private buffer: Buffered[] = [];
  private expecting = 0;

  constructor(
    private readonly handlers: Handlers,
    private readonly timers: Timers = {
      setInterval: (callback, ms) => setInterval(callback, ms),
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    },
  ) {}

  /** A run is about to start: keep events of unknown runs until `track` or `cancelExpect`. */
  expectRun(): void {
    this.expecting++;
  }

  cancelExpect(): void {
    this.expecting = Math.max(0, this.expecting - 1);
    if (this.expecting === 0) this.buffer = [];
  }

  track(runId: string, fetchRun: () => Promise<{ run: RunSummary; steps: RunStep[] }>, pollMs: number): void {
    const entry: Tracked = { seenSteps: new Set(), poll: null, polling: false };
    this.tracked.set(runId, entry);
    const mine = this.buffer.filter((event) => runIdOf(event) === runId);
    this.buffer = this.buffer.filter((event) => runIdOf(event) !== runId);
    this.cancelExpect();
    for (const event of mine) this.dispatch(event);
    if (!this.tracked.has(runId)) return;
    entry.poll = this.timers.setInterval(() => {
      if (entry.polling) return;
      entry.polling = true;
      fetchRun()
        .then(({ run, steps }) => {
          if (!this.tracked.has(runId)) return;
          for (const step of steps)
            this.dispatch({ kind: 'step', payload: { runId, agentId: run.agentId, step } });
          if (endedStatuses.has(run.status)) this.dispatch({ kind: 'finished', payload: run });
        })
        .catch(() => undefined)
        .finally(() => {
          entry.polling = false;
        });
    }, pollMs);
  }

  delta(payload: EventPayload<'run.delta'>): void {
    this.route({ kind: 'delta', payload });
  }

  step(payload: EventPayload<'run.step'>): void {
    this.route({ kind: 'step', payload });
  }

  finished(payload: RunSummary): void {
    this.route({ kind: 'finished', payload });
  }

  isTracking(runId: string): boolean {
    return this.tracked.has(runId);
  }

  dispose(): void {
    for (const entry of this.tracked.values()) this.timers.clearInterval(entry.poll);
    this.tracked.clear();
    this.buffer = [];
    this.expecting = 0;
  }

  private route(event: Buffered): void {
    if (this.tracked.has(runIdOf(event))) this.dispatch(event);
    else if (this.expecting > 0 && this.buffer.length < bufferLimit) this.buffer.push(event);
  }

  private dispatch(event: Buffered): void {
    const runId = runIdOf(event);
    const entry = this.tracked.get(runId);
    if (!entry) return;
    switch (event.kind) {
      case 'delta':
        this.handlers.onDelta(event.payload);
        break;
      case 'step':
        if (entry.seenSteps.has(event.payload.step.seq)) return;
        entry.seenSteps.add(event.payload.step.seq);
        this.handlers.onStep(event.payload);
        break;
      case 'finished':
        this.timers.clearInterval(entry.poll);
        this.tracked.delete(runId);
        this.handlers.onFinished(event.payload);
        break;
    }
  }
}

function runIdOf(event: Buffered): string {
  return event.kind === 'finished' ? event.payload.id : event.payload.runId;
}
