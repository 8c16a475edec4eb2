import { servicesOf } from '../testing/services';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, inviteAndAccept, setupOwner, type Harness } from '../testing/harness';
import { allowLocal } from '../testing/outbound';

let h: Harness;
let smtp: SMTPServer | undefined;
afterEach(async () => {
  h?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  smtp = undefined;
});

interface Received {
  to: string[];
  raw: string;
}

async function startSmtp(): Promise<{ port: number; mails: Received[] }> {
  const mails: Received[] = [];
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(0, '127.0.0.1', resolve));
  return { port: (smtp.server.address() as AddressInfo).port, mails };
}

describe('incidents', () => {
  it('move forward through their statuses, keep a timeline and take a post-mortem once resolved', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const incident = await expectOk(
      h.core,
      'incidents.create',
      { title: 'Checkout page down', severity: 'SEV2', assigneeId: owner.me.user.id },
      owner.call,
    );
    expect(incident).toMatchObject({
      number: 1,
      status: 'open',
      source: 'manual',
      assignee: { name: 'Olivia Owner' },
    });
    expect(incident.ackDueAt - incident.createdAt).toBe(30 * 60 * 1000);
    expect(incident.resolveDueAt - incident.createdAt).toBe(8 * 60 * 60 * 1000);

    const early = await h.core.dispatch(
      'incidents.postmortem',
      { incidentId: incident.id, postmortem: { summary: 'x', impact: '', rootCause: '', actions: [] } },
      owner.call,
    );
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    h.clock.advance(5 * 60 * 1000);
    await expectOk(
      h.core,
      'incidents.update',
      { incidentId: incident.id, status: 'acknowledged' },
      owner.call,
    );
    await expectOk(
      h.core,
      'incidents.addNote',
      { incidentId: incident.id, text: 'Restarted the payment service' },
      owner.call,
    );
    const resolved = await expectOk(
      h.core,
      'incidents.update',
      { incidentId: incident.id, status: 'resolved' },
      owner.call,
    );
    expect(resolved.mitigatedAt).not.toBeNull();
    expect(
      await h.core.dispatch(
        'incidents.update',
        { incidentId: incident.id, status: 'acknowledged' },
        owner.call,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const written = await expectOk(
      h.core,
      'incidents.postmortem',
      {
        incidentId: incident.id,
        postmortem: {
          summary: 'Payments timed out',
          impact: '40 minutes without checkout',
          rootCause: 'Expired certificate',
          actions: ['Monitor certificate expiry'],
        },
      },
      owner.call,
    );
    expect(written.postmortem?.rootCause).toBe('Expired certificate');
    const { timeline } = await expectOk(h.core, 'incidents.get', { incidentId: incident.id }, owner.call);
    expect(timeline.map((e) => e.kind)).toEqual(['opened', 'status', 'note', 'status', 'postmortem']);
    expect(timeline[3]!.text).toBe('acknowledged → resolved');
  });

  it('escalates an SLA breach to the next person on the list by e-mail with the incident title', async () => {
    const { port, mails } = await startSmtp();
    h = createHarness();
    const owner = await setupOwner(h.core);
    const second = await inviteAndAccept(h.core, owner, 'sam@acme.test', 'admin');
    await allowLocal(h.core, owner, `127.0.0.1:${port}`);
    await expectOk(
      h.core,
      'notify.saveSmtp',
      { host: '127.0.0.1', port, secure: false, from: 'guardian@acme.test' },
      owner.call,
    );
    await expectOk(
      h.core,
      'incidents.setEscalation',
      { userIds: [second.me.user.id, owner.me.user.id] },
      owner.call,
    );
    const incident = await expectOk(
      h.core,
      'incidents.create',
      { title: 'Booking agent answers nonsense', severity: 'SEV1' },
      owner.call,
    );

    h.clock.advance(10 * 60 * 1000);
    expect(await servicesOf(h.core).incidents.escalateBreaches(owner.me.tenant.id)).toBe(0);
    h.clock.advance(6 * 60 * 1000); // 16 minutes: the 15-minute acknowledge SLA of a SEV1 is breached
    expect(await servicesOf(h.core).incidents.escalateBreaches(owner.me.tenant.id)).toBe(1);
    expect(await servicesOf(h.core).incidents.escalateBreaches(owner.me.tenant.id)).toBe(0);

    await expect.poll(() => mails.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const mail = mails.find((m) => m.to.includes('sam@acme.test'))!;
    expect(mail.raw).toMatch(/Subject: .*Booking agent answers nonsense/);
    const after = await expectOk(h.core, 'incidents.get', { incidentId: incident.id }, owner.call);
    expect(after.incident.escalationLevel).toBe(1);
    expect(after.timeline.at(-1)).toMatchObject({
      kind: 'escalated',
      text: expect.stringContaining('escalated to sam'),
    });

    // another acknowledge period later it goes to the next person
    h.clock.advance(15 * 60 * 1000);
    expect(await servicesOf(h.core).incidents.escalateBreaches(owner.me.tenant.id)).toBe(1);
    await expect
      .poll(() => mails.some((m) => m.to.includes('owner@acme.test')), { timeout: 5_000 })
      .toBe(true);
  });

  it('only takes members of the organisation as assignee or on the escalation list', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const stranger = '01a20125-33c1-7000-8000-000000000000';
    expect(
      await h.core.dispatch(
        'incidents.create',
        { title: 'Something', severity: 'SEV4', assigneeId: stranger },
        owner.call,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'assigneeId' },
    });
    expect(
      await h.core.dispatch('incidents.setEscalation', { userIds: [stranger] }, owner.call),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
