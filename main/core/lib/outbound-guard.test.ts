import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalHost,
  emptyAllowList,
  guardedFetch,
  hostTarget,
  outboundRequest,
  parseHostPort,
  resolveOutbound,
  staticRefusal,
  urlTarget,
  type HostLookup,
  type OutboundAllowList,
} from './outbound-guard';

const allowing = (...hostPorts: string[]): OutboundAllowList => ({
  allows: (key) => hostPorts.includes(key),
});
const none = { allowList: emptyAllowList };
const answers =
  (...addresses: string[]): HostLookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const noLookup: HostLookup = () => Promise.reject(new Error('must not be looked up'));

/** What the guard says about a URL when nothing is allowed: the refusal reason, or 'ok'. */
async function verdict(url: string, lookup: HostLookup = noLookup): Promise<string> {
  try {
    await resolveOutbound(urlTarget(url), none, lookup);
    return 'ok';
  } catch (error) {
    return (error as { reason?: string }).reason ?? String(error);
  }
}

describe('the outbound guard', () => {
  it.each([
    // loopback
    ['http://127.0.0.1:11434/v1', '127.0.0.1:11434'],
    ['http://127.8.9.10/', '127.8.9.10:80'],
    ['http://[::1]:8080/', '[::1]:8080'],
    ['http://localhost:11434/', 'localhost:11434'],
    ['http://LocalHost./', 'localhost:80'],
    ['http://ollama.localhost/', 'ollama.localhost:80'],
    // private and CGNAT
    ['http://10.1.2.3/', '10.1.2.3:80'],
    ['http://172.16.0.1/', '172.16.0.1:80'],
    ['http://172.31.255.254/', '172.31.255.254:80'],
    ['https://192.168.1.20/', '192.168.1.20:443'],
    ['http://100.64.0.1/', '100.64.0.1:80'],
    ['http://100.127.255.255/', '100.127.255.255:80'],
    ['http://[fc00::1]/', '[fc00::1]:80'],
    ['http://[fd00::abcd]/', '[fd00::abcd]:80'],
    // link-local (cloud metadata)
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254:80'],
    ['http://[fe80::1]/', '[fe80::1]:80'],
    // unspecified
    ['http://0.0.0.0:11434/', '0.0.0.0:11434'],
    ['http://0/', '0.0.0.0:80'],
    ['http://[::]/', '[::]:80'],
    // IPv4-mapped IPv6 and NAT64
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]:80'],
    ['http://[::ffff:7f00:1]/', '[::ffff:7f00:1]:80'],
    ['http://[::ffff:169.254.169.254]/', '[::ffff:a9fe:a9fe]:80'],
    ['http://[64:ff9b::127.0.0.1]/', '[64:ff9b::7f00:1]:80'],
    ['http://[64:ff9b::a00:1]/', '[64:ff9b::a00:1]:80'],
    ['http://[64:ff9b:1::8.8.8.8]/', '[64:ff9b:1::808:808]:80'],
    // obfuscated IPv4
    ['http://2130706433/', '127.0.0.1:80'],
    ['http://0177.0.0.1/', '127.0.0.1:80'],
    ['http://0x7f.1/', '127.0.0.1:80'],
    ['http://0x7f000001/', '127.0.0.1:80'],
    ['http://127.1/', '127.0.0.1:80'],
    ['http://127.0.1/', '127.0.0.1:80'],
    ['http://127.0.0.1./', '127.0.0.1:80'],
    ['http://0x7f.1./', '127.0.0.1:80'],
    ['http://017700000001/', '127.0.0.1:80'],
    ['http://167772161/', '10.0.0.1:80'],
    ['http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254:80'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1:80'],
    // user-info tricks: the host is what comes after the @
    ['http://a@127.0.0.1/', '127.0.0.1:80'],
    ['http://user:pw@127.0.0.1:11434/', '127.0.0.1:11434'],
    ['http://api.openai.com@127.0.0.1/', '127.0.0.1:80'],
    ['http://api.openai.com:443@169.254.169.254/', '169.254.169.254:80'],
  ])('refuses %s (as %s) unless that host:port is allowed', async (url, key) => {
    const target = urlTarget(url);
    expect(target.key).toBe(key);
    expect(await verdict(url)).toBe('blocked_address');
    // the exact host:port the platform admin allowed passes; another port does not
    await expect(resolveOutbound(target, { allowList: allowing(key) }, noLookup)).resolves.toMatchObject({
      address: expect.any(String),
    });
    const otherPort = `${key.slice(0, key.lastIndexOf(':'))}:${target.port + 1}`;
    await expect(resolveOutbound(target, { allowList: allowing(otherPort) }, noLookup)).rejects.toMatchObject(
      { reason: 'blocked_address' },
    );
  });

  it.each([
    ['http://93.184.216.34/', '93.184.216.34'],
    ['https://[2606:4700::1111]/', '2606:4700::1111'],
    ['http://[::ffff:8.8.8.8]/', '::ffff:808:808'],
    ['http://[64:ff9b::808:808]/', '64:ff9b::808:808'],
    ['http://172.32.0.1/', '172.32.0.1'],
    ['http://100.128.0.1/', '100.128.0.1'],
  ])('lets the public address %s through without DNS', async (url, address) => {
    await expect(resolveOutbound(urlTarget(url), none, noLookup)).resolves.toMatchObject({ address });
  });

  it('checks every address a name resolves to, and pins the first', async () => {
    const target = urlTarget('https://api.example.com/v1');
    await expect(resolveOutbound(target, none, answers('93.184.216.34', '2606:2800::1'))).resolves.toEqual({
      address: '93.184.216.34',
      family: 4,
    });
    for (const inside of ['127.0.0.1', '10.0.0.7', '::1', '::ffff:127.0.0.1', 'fd00::1', '169.254.1.1'])
      await expect(resolveOutbound(target, none, answers('93.184.216.34', inside))).rejects.toMatchObject({
        reason: 'blocked_address',
        target: 'api.example.com:443',
      });
    await expect(resolveOutbound(target, none, answers('not-an-ip'))).rejects.toMatchObject({
      reason: 'blocked_address',
    });
    await expect(resolveOutbound(target, none, answers())).rejects.toMatchObject({ reason: 'unresolvable' });
  });

  it('accepts a private answer when that address or the name itself is allowed with the port', async () => {
    const target = urlTarget('http://ollama.lan:11434/v1');
    await expect(
      resolveOutbound(target, { allowList: allowing('192.168.1.5:11434') }, answers('192.168.1.5')),
    ).resolves.toEqual({ address: '192.168.1.5', family: 4 });
    await expect(
      resolveOutbound(target, { allowList: allowing('ollama.lan:11434') }, answers('192.168.1.5')),
    ).resolves.toEqual({ address: '192.168.1.5', family: 4 });
    await expect(
      resolveOutbound(
        target,
        { allowList: allowing('192.168.1.5:11434') },
        answers('192.168.1.5', '10.0.0.1'),
      ),
    ).rejects.toMatchObject({ reason: 'blocked_address' });
    // a flow node that keeps the private network shut gets nothing from the allow-list
    await expect(
      resolveOutbound(
        target,
        { allowList: allowing('ollama.lan:11434'), privateNetwork: false },
        answers('192.168.1.5'),
      ),
    ).rejects.toMatchObject({ reason: 'blocked_address' });
  });

  it('pins localhost names to 127.0.0.1, allowed as localhost:port or 127.0.0.1:port', async () => {
    const target = urlTarget('http://localhost:1234/v1');
    await expect(
      resolveOutbound(target, { allowList: allowing('127.0.0.1:1234') }, noLookup),
    ).resolves.toEqual({ address: '127.0.0.1', family: 4 });
    await expect(
      resolveOutbound(target, { allowList: allowing('localhost:1234') }, noLookup),
    ).resolves.toEqual({ address: '127.0.0.1', family: 4 });
  });

  it('refuses anything but http(s) URLs with a host', () => {
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'gopher://127.0.0.1/', 'not a url'])
      expect(() => urlTarget(url)).toThrow(expect.objectContaining({ reason: 'invalid_url' }));
  });

  it('judges an SMTP host written in any spelling the way a URL host is judged', () => {
    for (const host of [
      '127.0.0.1',
      '2130706433',
      '0177.0.0.1',
      '0x7f.1',
      '127.1',
      'localhost.',
      '::1',
      '[::1]',
      '10.0.0.2',
    ])
      expect(staticRefusal(hostTarget(host, 25), none), host).toMatchObject({ reason: 'blocked_address' });
    expect(staticRefusal(hostTarget('smtp.example.com', 587), none)).toBeNull();
    expect(staticRefusal(hostTarget('0x7f.1', 25), { allowList: allowing('127.0.0.1:25') })).toBeNull();
    expect(() => hostTarget('a@127.0.0.1', 25)).toThrow(expect.objectContaining({ reason: 'invalid_url' }));
  });

  it('writes host:port entries in one canonical form', () => {
    expect(parseHostPort('127.0.0.1:11434')).toMatchObject({ key: '127.0.0.1:11434' });
    expect(parseHostPort('127.1:11434')).toMatchObject({ key: '127.0.0.1:11434' });
    expect(parseHostPort('[::1]:1234')).toMatchObject({ key: '[::1]:1234' });
    expect(parseHostPort('[0:0::1]:1234')).toMatchObject({ key: '[::1]:1234' });
    expect(parseHostPort('Ollama.LAN.:11434')).toMatchObject({ key: 'ollama.lan:11434' });
    for (const bad of [
      '127.0.0.1',
      '127.0.0.1:0',
      '127.0.0.1:70000',
      'http://x:1',
      ':80',
      'a b:80',
      '::1:80',
    ])
      expect(parseHostPort(bad), bad).toBeNull();
    expect(canonicalHost('0x7f.1.')).toBe('127.0.0.1');
  });
});

describe('requests through the guard', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, path: req.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a loopback server without touching it, and reaches it once its host:port is allowed', async () => {
    hits.length = 0;
    const fetchFor = (allowList: OutboundAllowList) => guardedFetch(() => ({ allowList }));
    for (const host of ['127.0.0.1', 'localhost', '2130706433', '0x7f.1', '127.1', 'a@127.0.0.1'])
      await expect(fetchFor(emptyAllowList)(`http://${host}:${port}/x`), host).rejects.toMatchObject({
        reason: 'blocked_address',
      });
    expect(hits).toEqual([]);
    const response = await fetchFor(allowing(`127.0.0.1:${port}`))(`http://127.0.0.1:${port}/y`, {
      method: 'POST',
      body: JSON.stringify({ q: 1 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, path: '/y' });
    expect(hits).toEqual(['POST /y']);
  });

  it('connects to the checked address, whatever the name resolves to later', async () => {
    hits.length = 0;
    let lookups = 0;
    // the first answer is checked; a rebinding resolver would answer something else next time
    const rebinding: HostLookup = async () => {
      lookups += 1;
      return [{ address: lookups === 1 ? '127.0.0.1' : '10.9.9.9', family: 4 }];
    };
    const response = await outboundRequest(
      { url: `http://rebind.test:${port}/pinned` },
      { allowList: allowing(`127.0.0.1:${port}`) },
      rebinding,
    );
    response.resume();
    expect(response.statusCode).toBe(200);
    expect(lookups).toBe(1);
    expect(hits).toEqual(['GET /pinned']);
  });

  it('answers a redirect as it is instead of following it', async () => {
    hits.length = 0;
    const response = await guardedFetch(() => ({ allowList: allowing(`127.0.0.1:${port}`) }))(
      `http://127.0.0.1:${port}/redirect`,
    );
    expect(response.status).toBe(302);
    expect(hits).toEqual(['GET /redirect']);
  });
});
