// `npm run bench -- entitlements`: what the plan check costs a dispatch (issue 16, target < 1 µs added).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../main/core';
import { servicesOf } from '../main/core/testing/services';
import { methods, type PlanCapability } from '../main/contract';

type Emit = (line: Record<string, unknown>) => void;

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Nanoseconds per call of `fn`, the median of `rounds` timed loops of `count` calls. */
function nsPerCall(fn: () => unknown, count: number, rounds = 7): number {
  const results: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) fn();
    results.push(Number(process.hrtime.bigint() - start) / count);
  }
  results.sort((a, b) => a - b);
  return results[Math.floor(results.length / 2)]!;
}

export async function entitlementsScenario(emit: Emit): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-'));
  const core = createCore({ dataDir, secrets: 'file' });
  try {
    const setup = await core.dispatch(
      'setup.createOwner',
      { orgName: 'Bench', name: 'Bench', email: 'bench@bench.test', password: 'benchmark password 1234' },
      { transport: 'internal' },
    );
    if (!setup.ok) throw new Error('bench setup failed');
    const services = servicesOf(core);
    const tenantId = (setup.data as { tenant: { id: string } }).tenant.id;
    const { entitlements } = services.billing;
    // exactly what dispatch does for a method that names a capability (channels.save: a function of the input)
    const needs = methods['channels.save'].capability as (input: unknown) => PlanCapability | null;
    const input = { kind: 'email', enabled: true, voice: false };
    const check = () => {
      const capability = typeof needs === 'function' ? needs(input) : needs;
      return capability !== null && entitlements.has(tenantId, capability);
    };
    const empty = () => typeof needs === 'function';
    nsPerCall(check, 200_000); // warm up
    nsPerCall(empty, 200_000);
    const cached = nsPerCall(check, 1_000_000);
    const baseline = nsPerCall(empty, 1_000_000);
    const added = Math.max(0, cached - baseline);
    // a cache miss: the tenant's plan read from SQLite (after a plan change or a grace running out)
    const miss = nsPerCall(() => {
      entitlements.invalidate(tenantId);
      return entitlements.has(tenantId, 'api');
    }, 20_000);
    emit({
      scenario: 'entitlements.check',
      method: 'plan capability check per dispatch (cached entitlements)',
      added_us: round(added / 1000),
      check_with_input_us: round(cached / 1000),
      baseline_us: round(baseline / 1000),
      cache_miss_us: round(miss / 1000),
      target_us: 1,
      meets_target: added / 1000 < 1,
    });
  } finally {
    core.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
