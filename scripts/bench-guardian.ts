// Guardian scenarios for `npm run bench`: one cycle on a database of a million runs, and the
// 30-day score history query.
import { servicesOf } from '../main/core/testing/services';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../db';
import { createCore } from '../main/core';

type Emit = (line: Record<string, unknown>) => void;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number) => Math.round(n * 1000) / 1000;

export async function guardianCycle(emit: Emit): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-guardian-'));
  const core = createCore({ dataDir, secrets: 'file' });
  const setup = await core.dispatch(
    'setup.createOwner',
    { orgName: 'Bench', name: 'Bench', email: 'bench@bench.test', password: 'benchmark password 1234' },
    { transport: 'internal' },
  );
  if (!setup.ok || setup.sessionChange?.type !== 'set') throw new Error('setup failed');
  const call = { transport: 'internal' as const, sessionToken: setup.sessionChange.token };
  const tenantId = (setup.data as { tenant: { id: string } }).tenant.id;
  const agentIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const agent = await core.dispatch('agents.create', { name: `Agent ${i}` }, call);
    if (!agent.ok) throw new Error('agent failed');
    agentIds.push((agent.data as { id: string }).id);
    await core.dispatch('agents.deploy', { agentId: agentIds[i] }, call);
  }
  const { sqlite } = servicesOf(core);
  const now = Date.now();
  const total = 1_000_000;
  const span = 90 * 24 * 60 * 60 * 1000;
  const insert = sqlite.prepare(
    `INSERT INTO agent_runs (id, tenant_id, agent_id, version_number, status, trigger, input, replies, error_code, tokens_in, tokens_out, cost_micros, created_at, started_at, finished_at)
     VALUES (?, ?, ?, 1, ?, 'chat', '{"message":"hi"}', '[]', ?, 40, 10, 0, ?, ?, ?)`,
  );
  sqlite.pragma('synchronous = OFF');
  for (let batch = 0; batch < total / 50_000; batch++) {
    sqlite.transaction(() => {
      for (let i = 0; i < 50_000; i++) {
        const n = batch * 50_000 + i;
        const at = now - span + Math.floor((n / total) * span);
        const failed = n % 17 === 0;
        insert.run(
          uuidv7(at),
          tenantId,
          agentIds[n % agentIds.length],
          failed ? 'failed' : 'succeeded',
          failed ? 'provider_error' : null,
          at,
          at,
          at + 40,
        );
      }
    })();
  }
  const sample = sqlite.prepare(
    "INSERT INTO health_samples (tenant_id, at, resolution, score, checks) VALUES (?, ?, ?, ?, '{}')",
  );
  sqlite.transaction(() => {
    for (let m = 0; m < 24 * 60; m++) sample.run(tenantId, now - m * 60_000, 'minute', 95);
    for (let hr = 24; hr < 30 * 24; hr++) sample.run(tenantId, now - hr * 3_600_000, 'hour', 95);
  })();
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('ANALYZE');

  const { guardian } = servicesOf(core);
  guardian.integrity.runDue(true);
  for (let i = 0; i < 5; i++) await guardian.cycle();
  const cpu: number[] = [];
  for (let i = 0; i < 30; i++) {
    const before = process.cpuUsage();
    await guardian.cycle();
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  const history: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < 50; i++) {
    let t0 = performance.now();
    guardian.history.query(tenantId, '30d', Date.now());
    history.push(performance.now() - t0);
    t0 = performance.now();
    sqlite
      .prepare(
        "SELECT at, score, checks FROM health_samples WHERE tenant_id = ? AND resolution = 'hour' AND at >= ? ORDER BY at",
      )
      .all(tenantId, now - 30 * 86_400_000);
    raw.push(performance.now() - t0);
  }
  const cycleMs = median(cpu);
  emit({
    scenario: 'guardian.cycle_cpu',
    description:
      'CPU time of one Guardian cycle (all checks, actions, incidents, escalation) on 1 000 000 runs, 20 agents; the scheduled integrity check excluded',
    median_ms: round(cycleMs),
    target_ms: 10,
    meets_target: cycleMs < 10,
  });
  const historyMs = median(history);
  emit({
    scenario: 'guardian.history_30d',
    description: 'score history for 30 days (720 hourly + 1 440 minute samples folded into hours)',
    median_ms: round(historyMs),
    baseline_raw_select_ms: round(median(raw)),
    ratio: round(historyMs / median(raw)),
    target_ms: 20,
    meets_target: historyMs < 20,
  });
  core.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
