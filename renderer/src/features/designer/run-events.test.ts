import { describe, expect, it } from 'vitest';
import type { RunStep, RunSummary } from '../../contract';
import { RunEvents } from './run-events';

const run = (id: string, status: RunSummary['status'] = 'succeeded'): RunSummary => ({
  id,
  agentId: 'agent',
  agentName: 'Agent',
  versionNumber: null,
  status,
  trigger: 'test',
  input: { message: 'hi' },
  replies: ['hello'],
  error: null,
  errorMessage: null,
  errorCode: null,
  tokensIn: 1,
  tokensOut: 2,
  costMicros: 0,
  createdAt: 0,
  startedAt: 0,
  finishedAt: 1,
  waitingFor: null,
});

const step = (seq: number, nodeId = 'n'): RunStep => ({
  seq,
  nodeId,
  nodeType: 'reply',
  label: null,
  status: 'ok',
  input: null,
  output: null,
  error: null,
  errorMessage: null,
  startedAt: 0,
  durationMs: 1,
  tokensIn: 0,
  tokensOut: 0,
  costMicros: 0,
  model: null,
  attempts: 1,
  notes: [],
  noteMessages: [],
});

function setup() {
  const seen: string[] = [];
  const intervals: (() => void)[] = [];
  const events = new RunEvents(
    {
      onDelta: (p) => seen.push(`delta:${p.runId}:${p.text}`),
      onStep: (p) => seen.push(`step:${p.runId}:${p.step.seq}`),
      onFinished: (r) => seen.push(`finished:${r.id}`),
    },
    {
      setInterval: (callback) => intervals.push(callback) - 1,
      clearInterval: (handle) => {
        if (typeof handle === 'number') intervals[handle] = () => undefined;
      },
    },
  );
  return { seen, intervals, events };
}

const never = () => new Promise<never>(() => undefined);

describe('RunEvents', () => {
  it('replays events that came before the run id was known, and drops other runs', () => {
    const { seen, events } = setup();
    events.expectRun();
    events.step({ runId: 'r1', agentId: 'a', step: step(1) });
    events.delta({ runId: 'r1', agentId: 'a', nodeId: 'n', text: 'He' });
    events.delta({ runId: 'other', agentId: 'a', nodeId: 'n', text: 'x' });
    events.track('r1', never, 1000);
    events.delta({ runId: 'r1', agentId: 'a', nodeId: 'n', text: 'llo' });
    events.finished(run('r1'));
    events.delta({ runId: 'r1', agentId: 'a', nodeId: 'n', text: 'late' });
    expect(seen).toEqual(['step:r1:1', 'delta:r1:He', 'delta:r1:llo', 'finished:r1']);
    expect(events.isTracking('r1')).toBe(false);
  });

  it('ignores events of runs nobody waits for', () => {
    const { seen, events } = setup();
    events.step({ runId: 'r9', agentId: 'a', step: step(1) });
    events.finished(run('r9'));
    expect(seen).toEqual([]);
  });

  it('polls when events are missing, delivering each step once and finishing once', async () => {
    const { seen, intervals, events } = setup();
    events.expectRun();
    events.track('r1', async () => ({ run: run('r1', 'running'), steps: [step(1), step(2)] }), 1000);
    events.step({ runId: 'r1', agentId: 'a', step: step(1) });
    intervals[0]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['step:r1:1', 'step:r1:2']);
    events.finished(run('r1'));
    intervals[0]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['step:r1:1', 'step:r1:2', 'finished:r1']);
  });

  it('finishes from the poll when the run ended without an event', async () => {
    const { seen, intervals, events } = setup();
    events.expectRun();
    events.track('r1', async () => ({ run: run('r1'), steps: [step(1)] }), 1000);
    intervals[0]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['step:r1:1', 'finished:r1']);
  });
});
