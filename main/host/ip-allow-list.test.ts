import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { cidrContains, ipAllowed, parseAddress, parseCidr } from '../contract';
import { createHarness, expectOk, setupOwner, type Harness } from '../core/testing/harness';
import { startHost, type RunningHost } from './server';

let h: Harness;
let host: RunningHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  h?.close();
});

describe('CIDR matching', () => {
  it('matches IPv4 and IPv6 ranges and single addresses', () => {
    const inRange = (cidr: string, ip: string) => cidrContains(parseCidr(cidr)!, parseAddress(ip)!);
    expect(inRange('10.0.0.0/8', '10.255.1.2')).toBe(true);
    expect(inRange('10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(inRange('192.168.1.0/24', '192.168.1.254')).toBe(true);
    expect(inRange('192.168.1.0/24', '192.168.2.1')).toBe(false);
    expect(inRange('203.0.113.7', '203.0.113.7')).toBe(true);
    expect(inRange('203.0.113.7', '203.0.113.8')).toBe(false);
    expect(inRange('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(inRange('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(inRange('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(inRange('fd00::/8', 'fd12:3456::9')).toBe(true);
    expect(inRange('2001:db8::1/128', '2001:0db8:0000::0001')).toBe(true);
    // an IPv4 client seen through an IPv6 socket is still IPv4
    expect(inRange('10.0.0.0/8', '::ffff:10.1.2.3')).toBe(true);
    expect(inRange('2001:db8::/32', '10.1.2.3')).toBe(false);
  });

  it('refuses malformed ranges', () => {
    for (const bad of [
      '10.0.0.0/33',
      '256.1.1.1',
      '10.0.0',
      '1.2.3.4/8/1',
      '2001:db8::/129',
      '1:2:3:4:5:6:7:8:9',
      'a::b::c',
      'hello',
      '01.2.3.4',
      '10.0.0.0/-1',
    ])
      expect(parseCidr(bad), bad).toBeNull();
    expect(parseCidr('::/0')).toMatchObject({ version: 6, prefix: 0 });
  });

  it('always lets loopback through and allows everyone when the list is empty', () => {
    expect(ipAllowed('203.0.113.1', [])).toBe(true);
    expect(ipAllowed('127.0.0.1', ['10.0.0.0/8'])).toBe(true);
    expect(ipAllowed('127.8.9.1', ['10.0.0.0/8'])).toBe(true);
    expect(ipAllowed('::1', ['10.0.0.0/8'])).toBe(true);
    expect(ipAllowed('::ffff:127.0.0.1', ['10.0.0.0/8'])).toBe(true);
    expect(ipAllowed('203.0.113.1', ['10.0.0.0/8'])).toBe(false);
    expect(ipAllowed('not an ip', ['10.0.0.0/8'])).toBe(false);
  });
});

/** An address of this machine that is not loopback: requests to it come from it. */
function outsideAddress(): string | null {
  for (const list of Object.values(networkInterfaces()))
    for (const address of list ?? [])
      if (address.family === 'IPv4' && !address.internal) return address.address;
  return null;
}

describe('IP allow-list over HTTP', () => {
  const address = outsideAddress();
  it.skipIf(address === null)(
    'answers 403 to an address outside the list and reports it once a minute',
    async () => {
      h = createHarness();
      const owner = await setupOwner(h.core);
      host = await startHost(h.core, { host: '0.0.0.0', port: 0, allowNetwork: true });
      const health = () => fetch(`http://${address}:${host!.port}/api/v1/health`);
      expect((await health()).status).toBe(200);

      await expectOk(h.core, 'security.saveSettings', { ipAllowList: ['198.51.100.0/24'] }, owner.call);
      for (let i = 0; i < 3; i++) {
        const blocked = await health();
        expect(blocked.status).toBe(403);
        expect(await blocked.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      const call = await fetch(`http://${address}:${host.port}/api/call/setup.status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(call.status).toBe(403);
      // loopback always passes
      expect((await fetch(`http://127.0.0.1:${host.port}/api/v1/health`)).status).toBe(200);

      const events = await expectOk(h.core, 'security.events', { kind: 'ip_blocked' }, owner.call);
      expect(events.events).toHaveLength(1);
      expect(events.events[0]).toMatchObject({ ip: address, tenantId: null, count: 1, severity: 'low' });
      h.clock.advance(61_000);
      await health();
      const later = await expectOk(h.core, 'security.events', { kind: 'ip_blocked' }, owner.call);
      expect(later.events[0]!.count).toBe(2);

      // once the machine's range is on the list, it gets in
      await expectOk(h.core, 'security.saveSettings', { ipAllowList: [`${address}/32`] }, owner.call);
      expect((await health()).status).toBe(200);
    },
  );
});
