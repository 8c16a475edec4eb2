// Insight (issue 17) for `npm run bench`:
// - insight-ingest: 1M events through track() (batched transactions with rollups and actor days)
//   against raw batched better-sqlite3 inserts of the same rows (target: ratio ≥ 0.5). Both sides
//   write into a fresh core's insight_events (the same migrated table, so the same indexes: the seq
//   primary key, (tenant_id, at), insight_events_funnel (tenant_id, name, at, actor) and the partial
//   unique dedupe index), with the same INSERT OR IGNORE, as many rows per transaction as track()
//   writes at full speed (its defaultBatchSize, 5,000), props as JSON
//   (every bench event has props). The raw side writes only those rows; track() writes them and,
//   in the same transactions, the hourly rollups and the actors' days;
// - insight-dashboard: the conversations dashboard over 10M events and 90 days (target < 100 ms);
//   the 10M events are drawn at random and rolled up in memory exactly as track() does, and only
//   their rollup rows are written (the dashboard reads rollups alone; writing 10M raw rows would take
//   minutes and change nothing it reads);
// - insight-funnel: a 5-step funnel over 1M events (target < 500 ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../main/core';
import { servicesOf } from '../main/core/testing/services';
import { dimensionsOf, summedOf, type PropValue } from '../main/core/insight/dimensions';
import { defaultBatchSize, type TrackInput } from '../main/core/insight/tracker';

type Emit = (line: Record<string, unknown>) => void;

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const password = 'benchmark password 1234';

/** CPU time of this process (user + system), ms: the machine may be shared, wall time then says less. */
function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const channels = ['web', 'email', 'voice', 'api'];
const languages = ['en', 'nl', 'nb'];
const sentiments = ['positive', 'neutral', 'negative'];
const intents = Array.from({ length: 30 }, (_, i) => `intent_${i}`);
const names = [
  'conversation.started',
  'conversation.message',
  'conversation.message',
  'conversation.message',
  'conversation.handoff',
  'conversation.rated',
  'ticket.first_response',
  'run.finished',
  'search.query',
  'api.call',
];

function eventAt(next: () => number, i: number, start: number, span: number): TrackInput {
  const name = names[Math.floor(next() * names.length)]!;
  const props: Record<string, PropValue> = {
    channel: channels[Math.floor(next() * channels.length)]!,
    language: languages[Math.floor(next() * languages.length)]!,
  };
  if (name === 'conversation.message') {
    props.sentiment = sentiments[Math.floor(next() * 3)]!;
    props.intent = intents[Math.floor(next() * intents.length)]!;
  } else if (name === 'conversation.rated') props.rating = next() < 0.8 ? 'up' : 'down';
  else if (name === 'ticket.first_response') props.seconds = Math.floor(next() * 3600);
  else if (name === 'run.finished') {
    props.status = next() < 0.95 ? 'succeeded' : 'failed';
    props.agent = `agent_${Math.floor(next() * 20)}`;
    props.trigger = 'chat';
    props.cost = Math.floor(next() * 5000);
  }
  return {
    name,
    actor: `actor_${Math.floor(next() * 20_000)}`,
    session: null,
    source: props.channel as string,
    campaign: next() < 0.1 ? 'spring' : null,
    at: start + Math.floor(next() * span),
    props,
    id: i % 5 === 0 ? `evt_${i}` : null,
  };
}

async function benchCore(): Promise<{
  core: Core;
  dataDir: string;
  tenantId: string;
  call: { transport: 'internal'; sessionToken: string };
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-insight-'));
  const core = createCore({ dataDir });
  const setup = await core.dispatch(
    'setup.createOwner',
    { orgName: 'Bench', name: 'Bench', email: 'bench@bench.test', password },
    { transport: 'internal' },
  );
  if (!setup.ok || setup.sessionChange?.type !== 'set') throw new Error('bench setup failed');
  const me = setup.data as { tenant: { id: string } };
  return {
    core,
    dataDir,
    tenantId: me.tenant.id,
    call: { transport: 'internal', sessionToken: setup.sessionChange.token },
  };
}

function close(core: Core, dataDir: string): void {
  core.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

export async function insightIngest(emit: Emit): Promise<void> {
  const count = 1_000_000;
  const next = random(17);
  const end = Date.UTC(2026, 10, 1);
  // in time order, as track() sees them live (the same rows for both)
  const events = Array.from({ length: count }, (_, i) => eventAt(next, i, end - 90 * dayMs, 90 * dayMs)).sort(
    (a, b) => a.at! - b.at!,
  );
  try {
    // raw: the same rows, batched as track() batches them at full speed, one prepared INSERT
    const raw = await benchCore();
    const sqlite = servicesOf(raw.core).sqlite;
    const insert = sqlite.prepare(
      `INSERT OR IGNORE INTO insight_events (tenant_id, name, actor, session, source, campaign, at, props, dedupe_id)
       VALUES (@tenantId, @name, @actor, @session, @source, @campaign, @at, @props, @dedupeId)`,
    );
    const batch = sqlite.transaction((rows: TrackInput[]) => {
      for (const e of rows)
        insert.run({
          tenantId: raw.tenantId,
          name: e.name,
          actor: e.actor,
          session: e.session ?? null,
          source: e.source ?? null,
          campaign: e.campaign ?? null,
          at: e.at!,
          props: e.props ? JSON.stringify(e.props) : null,
          dedupeId: e.id ?? null,
        });
    });
    const rawStart = performance.now();
    const rawCpu = cpuMs();
    for (let i = 0; i < count; i += defaultBatchSize) batch(events.slice(i, i + defaultBatchSize));
    const rawMs = performance.now() - rawStart;
    const rawCpuMs = cpuMs() - rawCpu;
    close(raw.core, raw.dataDir);

    // track(): buffered, defaultBatchSize per transaction, with the rollups and actor days
    const ours = await benchCore();
    const tracker = servicesOf(ours.core).insight.tracker;
    const trackStart = performance.now();
    const trackCpu = cpuMs();
    for (const event of events) tracker.track(ours.tenantId, event);
    tracker.flush();
    const trackMs = performance.now() - trackStart;
    const trackCpuMs = cpuMs() - trackCpu;
    const rollups = servicesOf(ours.core)
      .sqlite.prepare('SELECT count(*) AS n FROM insight_rollups')
      .get() as { n: number };
    close(ours.core, ours.dataDir);
    const ratio = rawMs / trackMs;
    emit({
      scenario: 'insight.ingest',
      load_average: Number(loadavg()[0]!.toFixed(1)),
      description:
        '1M events through track() (events + hourly rollups + actor days) vs raw batched inserts of the same event rows into the same table and indexes (the same rows per transaction both)',
      events: count,
      rows_per_transaction: defaultBatchSize,
      track_ms: Math.round(trackMs),
      raw_ms: Math.round(rawMs),
      track_events_per_second: Math.round(count / (trackMs / 1000)),
      raw_events_per_second: Math.round(count / (rawMs / 1000)),
      rollup_rows: rollups.n,
      track_cpu_ms: Math.round(trackCpuMs),
      raw_cpu_ms: Math.round(rawCpuMs),
      cpu_ratio: Number((rawCpuMs / trackCpuMs).toFixed(3)),
      ratio: Number(ratio.toFixed(3)),
      target_ratio: 0.5,
      meets_target: ratio >= 0.5,
    });
  } catch (error) {
    emit({ scenario: 'insight.ingest', error: (error as Error).message });
  }
}

export async function insightDashboard(emit: Emit): Promise<void> {
  const count = 10_000_000;
  const bench = await benchCore().catch((error: Error) => {
    emit({ scenario: 'insight.dashboard', error: error.message });
    return null;
  });
  if (!bench) return;
  try {
    const { core, tenantId, call } = bench;
    const sqlite = servicesOf(core).sqlite;
    const end = Date.UTC(2026, 10, 1);
    const start = end - 90 * dayMs;
    const next = random(42);
    // 10M events rolled up exactly as track() does it, hour by hour (the same keys and sums)
    const genStart = performance.now();
    const insert = sqlite.prepare(
      `INSERT INTO insight_rollups (tenant_id, hour, name, dim, value, count, total)
       VALUES (@tenantId, @hour, @name, @dim, @value, @count, @total)`,
    );
    const hours = 90 * 24;
    const perHour = Math.ceil(count / hours);
    let rollupRows = 0;
    const writeHour = sqlite.transaction(
      (
        hour: number,
        rows: Map<string, { name: string; dim: string; value: string; count: number; total: number }>,
      ) => {
        for (const row of rows.values()) insert.run({ tenantId, hour, ...row });
        rollupRows += rows.size;
      },
    );
    for (let h = 0; h < hours; h++) {
      const hour = start + h * hourMs;
      const rows = new Map<
        string,
        { name: string; dim: string; value: string; count: number; total: number }
      >();
      for (let i = 0; i < perHour; i++) {
        const e = eventAt(next, i, hour, hourMs);
        const total = summedOf(e.name, e.props ?? null);
        for (const [dim, value] of dimensionsOf(
          e.name,
          e.source ?? null,
          e.campaign ?? null,
          e.props ?? null,
        )) {
          const key = `${e.name}\u0000${dim}\u0000${value}`;
          const row = rows.get(key);
          if (row) {
            row.count += 1;
            row.total += total;
          } else rows.set(key, { name: e.name, dim, value, count: 1, total });
        }
      }
      writeHour(hour, rows);
    }
    const genMs = performance.now() - genStart;
    // the first view reads every day's rollups; later views read the cached days
    const coldStart = performance.now();
    // a range as the app asks it: ending within the last hour, starting within the first
    const input = { from: start + 1_800_000, to: end - 1_800_000 };
    const cold = await core.dispatch('insight.conversations', input, call);
    const coldMs = performance.now() - coldStart;
    for (let i = 0; i < 2; i++) await core.dispatch('insight.conversations', input, call);
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    let errors = 0;
    let conversations = 0;
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const c = cpuMs();
      const answer = await core.dispatch('insight.conversations', input, call);
      samples.push(performance.now() - t);
      cpuSamples.push(cpuMs() - c);
      if (!answer.ok) errors++;
      else conversations = (answer.data as { totals: { conversations: number } }).totals.conversations;
    }
    samples.sort((a, b) => a - b);
    const ms = samples[Math.floor(samples.length / 2)]!;
    emit({
      scenario: 'insight.dashboard',
      load_average: Number(loadavg()[0]!.toFixed(1)),
      description:
        'insight.conversations (through dispatch) over 90 days of 10M events: the events are drawn and rolled up as track() does, only the rollup rows are written; median of later views (whole days cached, the current hours read), first view apart',
      events: perHour * hours,
      rollup_rows: rollupRows,
      generate_ms: Math.round(genMs),
      conversations,
      errors: errors + (cold.ok ? 0 : 1),
      first_view_ms: Math.round(coldMs),
      median_ms: Number(ms.toFixed(1)),
      p95_ms: Number(samples[Math.floor(samples.length * 0.95)]!.toFixed(1)),
      median_cpu_ms: Number(cpuSamples.sort((a, b) => a - b)[Math.floor(cpuSamples.length / 2)]!.toFixed(1)),
      target_ms: 100,
      meets_target: ms < 100,
    });
  } catch (error) {
    emit({ scenario: 'insight.dashboard', error: (error as Error).message });
  } finally {
    close(bench.core, bench.dataDir);
  }
}

export async function insightFunnel(emit: Emit): Promise<void> {
  const count = 1_000_000;
  const bench = await benchCore().catch((error: Error) => {
    emit({ scenario: 'insight.funnel', error: error.message });
    return null;
  });
  if (!bench) return;
  try {
    const { core, tenantId, call } = bench;
    const tracker = servicesOf(core).insight.tracker;
    const end = Date.UTC(2026, 10, 1);
    const start = end - 30 * dayMs;
    const next = random(7);
    const steps = ['visit', 'signup', 'activate', 'subscribe', 'renew'];
    const others = ['page.view', 'search.query', 'api.call', 'app.open', 'help.open'];
    // 100,000 actors; each moves down the funnel with some chance, with noise events around
    const batch: TrackInput[] = [];
    let written = 0;
    for (let actor = 0; written < count; actor++) {
      let at = start + Math.floor(next() * 28 * dayMs);
      for (let k = 0; k < steps.length && written < count; k++) {
        batch.push({ name: steps[k]!, actor: `a${actor}`, at });
        written++;
        if (next() < 0.4) break;
        at += Math.floor(next() * 2 * dayMs);
        if (next() < 0.5 && written < count) {
          batch.push({
            name: others[Math.floor(next() * others.length)]!,
            actor: `a${actor}`,
            at: at - 1000,
          });
          written++;
        }
      }
    }
    // written in time order, 5,000 per transaction (setup, not measured)
    batch.sort((a, b) => a.at! - b.at!);
    for (let i = 0; i < batch.length; i += 5000) tracker.write(tenantId, batch.slice(i, i + 5000));
    const input = { steps, windowSeconds: 7 * 86_400, from: start, to: end };
    await core.dispatch('insight.funnel', input, call);
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    let errors = 0;
    let counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const c = cpuMs();
      const answer = await core.dispatch('insight.funnel', input, call);
      samples.push(performance.now() - t);
      cpuSamples.push(cpuMs() - c);
      if (!answer.ok) errors++;
      else counts = (answer.data as { steps: { count: number }[] }).steps.map((s) => s.count);
    }
    const strictStart = performance.now();
    const strict = await core.dispatch('insight.funnel', { ...input, order: 'strict' }, call);
    const strictMs = performance.now() - strictStart;
    if (!strict.ok) errors++;
    samples.sort((a, b) => a - b);
    const ms = samples[Math.floor(samples.length / 2)]!;
    emit({
      scenario: 'insight.funnel',
      load_average: Number(loadavg()[0]!.toFixed(1)),
      description:
        'insight.funnel (5 steps, 7-day window, loose; through dispatch) over 1M events of 30 days',
      events: count,
      counts,
      errors,
      median_ms: Math.round(ms),
      median_cpu_ms: Math.round(cpuSamples.sort((a, b) => a - b)[Math.floor(cpuSamples.length / 2)]!),
      strict_ms: Math.round(strictMs),
      target_ms: 500,
      meets_target: ms < 500,
    });
  } catch (error) {
    emit({ scenario: 'insight.funnel', error: (error as Error).message });
  } finally {
    close(bench.core, bench.dataDir);
  }
}
