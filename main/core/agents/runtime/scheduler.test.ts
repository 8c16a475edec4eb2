import { servicesOf } from '../../testing/services';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness } from '../../testing/harness';
import { systemClock } from '../../lib/clock';

let h: Harness;
afterEach(() => h?.close());

describe('schedules', () => {
  it('runs a deployed agent on its cron schedule and stops when paused', async () => {
    h = createHarness({ clock: systemClock });
    const owner = await setupOwner(h.core);
    h.core.start();
    const agent = await expectOk(h.core, 'agents.create', { name: 'Every second' }, owner.call);
    await expectOk(
      h.core,
      'agents.saveVersion',
      {
        agentId: agent.id,
        flow: {
          schemaVersion: 1,
          nodes: [
            {
              id: 'tick',
              type: 'trigger',
              position: { x: 0, y: 0 },
              data: { kind: 'schedule', cron: '* * * * * *', message: 'tick' },
            },
            { id: 'r', type: 'reply', position: { x: 0, y: 140 }, data: { text: 'got {{message}}' } },
          ],
          edges: [{ id: 'e', source: 'tick', target: 'r' }],
        },
      },
      owner.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
    await expect
      .poll(
        async () =>
          (await expectOk(h.core, 'runs.list', { agentId: agent.id }, owner.call)).runs.filter(
            (r) => r.status === 'succeeded',
          ),
        {
          timeout: 5_000,
          interval: 200,
        },
      )
      .not.toHaveLength(0);
    const { runs } = await expectOk(h.core, 'runs.list', { agentId: agent.id }, owner.call);
    expect(runs[0]).toMatchObject({ trigger: 'schedule', replies: ['got tick'] });

    await expectOk(h.core, 'agents.pause', { agentId: agent.id, paused: true }, owner.call);
    expect(servicesOf(h.core).agents.scheduler.scheduled(agent.id)).toBe(0);
  });
});
