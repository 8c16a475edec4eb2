// `mindframe demo` for `npm run bench`: the time to build the demo installation (target < 60 s on
// this machine) and the rows it made, for the default seed and period.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoInstallation } from '../main/core';

type Emit = (line: Record<string, unknown>) => void;

export async function demoScenario(emit: Emit): Promise<void> {
  const parent = mkdtempSync(join(tmpdir(), 'mindframe-bench-demo-'));
  try {
    const demo = await buildDemoInstallation({
      dataDir: join(parent, 'data'),
      seed: 42,
      days: 180,
      password: 'bench demo password 1234',
    });
    emit({
      scenario: 'demo',
      description: '`mindframe demo` (seed 42, 180 days): build time and the rows it made',
      ms: demo.ms,
      target_ms: 60_000,
      meets_target: demo.ms < 60_000,
      ...demo.counts,
    });
  } catch (error) {
    emit({ scenario: 'demo', error: (error as Error).message });
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
