import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { getDefaultAutoSelectFamily, setDefaultAutoSelectFamily, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalHost,
  emptyAllowList,
  guardedFetch,
  hostTarget,
  isPrivateAddress,
  outboundRequest,
  parseHostPort,
  resolveOutbound,
  staticRefusal,
  urlTarget,
  type HostLookup,
  type OutboundAllowList,
  type OutboundPolicy,
} from './outbound-guard';

/**
 * The address classes at their edges (the first and last address inside a range and the neighbours
 * just outside it), addresses as a resolver may write them, the allow-list's exact host:port and
 * what a request through the guard sends and answers.
 */

const allowing = (...hostPorts: string[]): OutboundAllowList => ({
  allows: (key) => hostPorts.includes(key),
});
const none: OutboundPolicy = { allowList: emptyAllowList };
const answers =
  (...addresses: string[]): HostLookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const noLookup: HostLookup = () => Promise.reject(new Error('must not be looked up'));

/** 'ok' or the refusal reason for a URL, nothing allowed. */
async function verdict(url: string, lookup: HostLookup = noLookup, policy = none): Promise<string> {
  try {
    await resolveOutbound(urlTarget(url), policy, lookup);
    return 'ok';
  } catch (error) {
    return (error as { reason?: string }).reason ?? String(error);
  }
}

/** 'ok' or the refusal reason when the name public.example resolves to `address`. */
const answerVerdict = (address: string) => verdict('https://public.example/', answers(address));

describe('IPv4 ranges at their edges', () => {
  it.each([
    '0.0.0.1',
    '0.255.255.255',
    '10.0.0.0',
    '10.255.255.255',
    '127.0.0.0',
    '127.255.255.255',
    '100.64.0.0',
    '100.100.100.100',
    '169.254.0.0',
    '169.254.255.255',
    '172.16.0.0',
    '172.20.1.1',
    '192.0.0.1',
    '192.0.0.255',
    '192.0.2.1',
    '192.168.0.0',
    '192.168.255.255',
    '198.18.0.0',
    '198.19.255.255',
    '198.51.100.7',
    '203.0.113.9',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
  ])('%s is not public, as a URL host and as a resolver answer', async (address) => {
    expect(isPrivateAddress(address)).toBe(true);
    expect(await verdict(`http://${address}/`)).toBe('blocked_address');
    expect(await answerVerdict(address)).toBe('blocked_address');
  });

  it.each([
    '1.1.1.1',
    '9.255.255.255',
    '11.0.0.0',
    '126.255.255.255',
    '128.0.0.1',
    '100.63.255.255',
    '100.128.0.0',
    '99.64.0.1',
    '169.253.255.255',
    '169.255.0.0',
    '168.254.1.1',
    '172.15.255.255',
    '172.32.0.0',
    '171.16.0.1',
    '192.0.1.1',
    '192.0.3.1',
    '192.1.0.1',
    '191.0.0.1',
    '192.167.255.255',
    '192.169.0.0',
    '193.168.0.1',
    '198.17.255.255',
    '198.20.0.0',
    '197.18.0.1',
    '198.51.99.1',
    '198.51.101.1',
    '198.50.100.1',
    '199.51.100.1',
    '203.0.112.1',
    '203.0.114.1',
    '203.1.113.1',
    '202.0.113.1',
    '223.255.255.255',
    '8.8.8.255',
  ])('%s is public', async (address) => {
    expect(isPrivateAddress(address)).toBe(false);
    expect(await verdict(`http://${address}/`)).toBe('ok');
    expect(await answerVerdict(address)).toBe('ok');
  });
});

describe('IPv6 ranges at their edges', () => {
  it.each([
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:c0a8:101', 'IPv4-mapped private, in hex'],
    ['::1:ffff:808:808', 'not IPv4-mapped: a one before the ffff'],
    ['64:ff9b::10.0.0.1', 'NAT64 of a private address'],
    ['64:ff9b::1:808:808', 'NAT64 with a non-zero middle'],
    ['64:ff9b:1::808:808', 'local-use NAT64'],
    ['2002:7f00:1::', '6to4 of 127.0.0.1'],
    ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
    ['2001::1', 'Teredo'],
    ['2001:0:4136:e378::1', 'Teredo'],
    ['2001:1ff::1', 'benchmarking and ORCHID'],
    ['2001:db8::1', 'documentation'],
    ['2001:db8:ffff::1', 'documentation'],
    ['fc00::', 'unique local'],
    ['fdff:ffff::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['ff0e::1', 'multicast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::8.8.8.8', 'IPv4-compatible'],
    ['100::1', 'discard'],
    ['1fff:ffff::1', 'below 2000::/3'],
    ['4000::1', 'above 2000::/3'],
    ['e000::1', 'reserved'],
  ])('%s (%s) is not public', async (address) => {
    expect(isPrivateAddress(address)).toBe(true);
    expect(await verdict(`http://[${address}]/`)).toBe('blocked_address');
    expect(await answerVerdict(address)).toBe('blocked_address');
  });

  it.each([
    ['2000::1', 'the first global unicast'],
    ['3fff:ffff::1', 'the last global unicast'],
    ['2606:4700::1111', 'a public resolver'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public'],
    ['64:ff9b::8.8.8.8', 'NAT64 of a public address'],
    ['2002:808:808::1', '6to4 of a public address'],
    ['2001:200::1', 'just past Teredo, benchmarking and ORCHID'],
    ['2001:db9::1', 'just past documentation'],
    ['2001:4860:4860::8888', 'a public resolver'],
  ])('%s (%s) is public', async (address) => {
    expect(isPrivateAddress(address)).toBe(false);
    expect(await verdict(`http://[${address}]/`)).toBe('ok');
    expect(await answerVerdict(address)).toBe('ok');
  });
});

describe('addresses as a resolver writes them', () => {
  it.each([
    '2606:4700:1:2:3:4:8.8.8.8',
    '2606:4700::8.8.8.8',
    '2606:1:2:3:4:5::7',
    '2606::1:2:3:4:5:6',
    '2606:4700:0:0:0:0:0:1111',
    '2606:4700::1111%eth0',
    '2606:ABCD::1',
  ])('%s is read and let through', async (address) => {
    expect(await answerVerdict(address)).toBe('ok');
  });

  it.each([
    '08.8.8.8',
    '8.8.8.08',
    '8.8.8',
    '8.8.8.8.8',
    '256.8.8.8',
    '8.8.8.1000',
    '8.8.8.-1',
    'x8.8.8.8',
    '8.8.8.8x',
    '2606:4700::1::2',
    '2606:1:2:3:4:5:6::7',
    '2606:1:2:3:4:5:6:7:8',
    '2606:1:2:3',
    '2606:12345::1',
    '2606:g::1',
    '2606:4700::8.8.8',
    '2606:4700::08.8.8.8',
    '2606:4700:1:2:3:4:5:8.8.8.8',
    '8.8.8.8:2606::',
    '',
  ])('%j cannot be checked and is refused', async (address) => {
    expect(await answerVerdict(address)).toBe('blocked_address');
  });

  it('reads brackets and a zone around an IPv6 address', () => {
    expect(isPrivateAddress('[::1]')).toBe(true);
    expect(isPrivateAddress('fe80::1%eth0')).toBe(true);
    expect(isPrivateAddress('[fe80::1%25eth0]')).toBe(true);
    expect(isPrivateAddress('[2606:4700::1111]')).toBe(false);
    expect(isPrivateAddress('localhost')).toBe(false);
  });

  it('pins the address without its zone, and an IPv6 address as family 6', async () => {
    const target = urlTarget('https://public.example/');
    await expect(resolveOutbound(target, none, answers('2606:4700::1111%2'))).resolves.toEqual({
      address: '2606:4700::1111',
      family: 6,
    });
    await expect(resolveOutbound(urlTarget('https://[2606:4700::1111]/'), none, noLookup)).resolves.toEqual({
      address: '2606:4700::1111',
      family: 6,
    });
    await expect(resolveOutbound(urlTarget('https://8.8.8.8/'), none, noLookup)).resolves.toEqual({
      address: '8.8.8.8',
      family: 4,
    });
  });

  it('asks the resolver for every address of the name, and says unresolvable when it fails', async () => {
    const asked: unknown[] = [];
    const recording: HostLookup = async (hostname, options) => {
      asked.push([hostname, options]);
      return [{ address: '8.8.8.8', family: 4 }];
    };
    await resolveOutbound(urlTarget('https://Public.Example./x'), none, recording);
    expect(asked).toEqual([['public.example', { all: true, verbatim: true }]]);
    await expect(
      resolveOutbound(urlTarget('https://gone.example/'), none, () => Promise.reject(new Error('ENOTFOUND'))),
    ).rejects.toMatchObject({ reason: 'unresolvable', target: 'gone.example:443' });
  });

  it('resolves a name with the system resolver when given none', async () => {
    await expect(resolveOutbound(urlTarget('http://no-such-host.invalid/'), none)).rejects.toMatchObject({
      reason: 'unresolvable',
    });
  });
});

describe('the allow-list', () => {
  it('allows the exact host:port of an IPv6 answer, not its neighbour nor another port', async () => {
    const target = urlTarget('http://ollama.lan:11434/');
    await expect(
      resolveOutbound(target, { allowList: allowing('[fd00::5]:11434') }, answers('fd00::5')),
    ).resolves.toEqual({ address: 'fd00::5', family: 6 });
    await expect(
      resolveOutbound(target, { allowList: allowing('[fd00::5]:11435') }, answers('fd00::5')),
    ).rejects.toMatchObject({ reason: 'blocked_address' });
    await expect(
      resolveOutbound(target, { allowList: allowing('[fd00::5]:11434') }, answers('fd00::6')),
    ).rejects.toMatchObject({ reason: 'blocked_address' });
    await expect(
      resolveOutbound(target, { allowList: allowing('fd00::5:11434') }, answers('fd00::5')),
    ).rejects.toMatchObject({ reason: 'blocked_address' });
  });

  it('lets 127.0.0.1:port stand for localhost, never for another private address', () => {
    const allowed = { allowList: allowing('127.0.0.1:1234') };
    expect(staticRefusal(urlTarget('http://localhost:1234/'), allowed)).toBeNull();
    expect(staticRefusal(urlTarget('http://app.localhost:1234/'), allowed)).toBeNull();
    expect(staticRefusal(urlTarget('http://localhost:1235/'), allowed)).toMatchObject({
      reason: 'blocked_address',
      target: 'localhost:1235',
    });
    for (const url of ['http://10.0.0.1:1234/', 'http://[::1]:1234/', 'http://127.0.0.2:1234/'])
      expect(staticRefusal(urlTarget(url), allowed), url).toMatchObject({ reason: 'blocked_address' });
    // a name that merely ends in "localhost" is a name like any other
    expect(staticRefusal(urlTarget('http://notlocalhost:1234/'), none)).toBeNull();
  });

  it('is ignored entirely when the private network is shut (a flow HTTP node)', async () => {
    const shut = (...keys: string[]): OutboundPolicy => ({
      allowList: allowing(...keys),
      privateNetwork: false,
    });
    expect(staticRefusal(urlTarget('http://127.0.0.1:80/'), shut('127.0.0.1:80'))).toMatchObject({
      reason: 'blocked_address',
      target: '127.0.0.1:80',
    });
    expect(
      staticRefusal(urlTarget('http://localhost:80/'), shut('localhost:80', '127.0.0.1:80')),
    ).toMatchObject({ reason: 'blocked_address' });
    expect(await verdict('http://ollama.lan:80/', answers('192.168.1.5'), shut('192.168.1.5:80'))).toBe(
      'blocked_address',
    );
    // public addresses stay reachable
    expect(staticRefusal(urlTarget('http://8.8.8.8/'), shut())).toBeNull();
    expect(await verdict('http://public.example/', answers('8.8.8.8'), shut())).toBe('ok');
  });

  it('refuses a private answer of an allowed public name only when that name is not on the list', async () => {
    // the name is on the list: the platform admin trusts wherever it points
    expect(
      await verdict('http://ollama.lan:80/', answers('192.168.1.5', '10.0.0.9'), {
        allowList: allowing('ollama.lan:80'),
      }),
    ).toBe('ok');
    expect(
      await verdict('http://ollama.lan:81/', answers('192.168.1.5'), {
        allowList: allowing('ollama.lan:80'),
      }),
    ).toBe('blocked_address');
  });
});

describe('host:port entries and hosts written by people', () => {
  it('accepts ports 1 to 65535 only', () => {
    expect(parseHostPort('ollama.lan:1')).toEqual({ host: 'ollama.lan', port: 1, key: 'ollama.lan:1' });
    expect(parseHostPort(' ollama.lan:65535 ')).toEqual({
      host: 'ollama.lan',
      port: 65535,
      key: 'ollama.lan:65535',
    });
    for (const bad of ['ollama.lan:65536', 'ollama.lan:99999', 'ollama.lan:123456', 'ollama.lan:', 'x:80:80'])
      expect(parseHostPort(bad), bad).toBeNull();
    expect(parseHostPort('[fd00::5]:11434')).toEqual({
      host: 'fd00::5',
      port: 11434,
      key: '[fd00::5]:11434',
    });
    for (const bad of ['[zz]:80', 'a@b:80', 'evil.example/x:80', '[::1:80', 'x[::1]:80', '[::1]x:80'])
      expect(parseHostPort(bad), bad).toBeNull();
  });

  it('refuses a host with a path, query, fragment, user or space in it', () => {
    for (const host of [
      '',
      '   ',
      'evil.example/127.0.0.1',
      'evil.example?x',
      'evil.example#x',
      'user@127.0.0.1',
      'evil.example\\x',
      'evil example',
      'evil.exa\tmple',
      '[not-an-ip]',
      'bad host',
    ])
      expect(() => hostTarget(host, 25), JSON.stringify(host)).toThrow(
        expect.objectContaining({ reason: 'invalid_url', target: null }),
      );
    expect(hostTarget(' Smtp.Example.COM. ', 587)).toEqual({
      host: 'smtp.example.com',
      port: 587,
      key: 'smtp.example.com:587',
    });
    expect(hostTarget('::1', 25)).toEqual({ host: '::1', port: 25, key: '[::1]:25' });
    expect(hostTarget('[0::1]', 25)).toEqual({ host: '::1', port: 25, key: '[::1]:25' });
  });

  it('writes every spelling of one address the same way', () => {
    expect(canonicalHost('0X7F.0.0.1')).toBe('127.0.0.1');
    expect(canonicalHost('0x7f.1..')).toBe('127.0.0.1');
    expect(canonicalHost('2130706433.')).toBe('127.0.0.1');
    expect(canonicalHost('::FFFF:127.0.0.1')).toBe('::ffff:7f00:1');
    expect(canonicalHost('Example.COM')).toBe('example.com');
    expect(canonicalHost('bücher.example')).toBe('xn--bcher-kva.example');
    expect(canonicalHost('cafe.')).toBe('cafe');
    expect(canonicalHost('.')).toBeNull();
    expect(canonicalHost('1.2.3.4.5.')).toBeNull();
  });

  it('takes a URL object as it is, and refuses what has no usable host', () => {
    expect(urlTarget(new URL('https://Example.com:8443/x'))).toMatchObject({
      host: 'example.com',
      port: 8443,
      key: 'example.com:8443',
    });
    expect(urlTarget('https://example.com/')).toMatchObject({ port: 443, key: 'example.com:443' });
    expect(urlTarget('http://example.com/')).toMatchObject({ port: 80, key: 'example.com:80' });
    expect(urlTarget('https://example.com:80/')).toMatchObject({ port: 80 });
    for (const url of [
      '',
      'http//example.com',
      'ws://example.com/',
      'javascript:alert(1)',
      'data:text/plain,x',
    ])
      expect(() => urlTarget(url), url).toThrow(
        expect.objectContaining({ reason: 'invalid_url', target: null }),
      );
  });
});

describe('a request through the guard', () => {
  let server: Server;
  let port: number;
  let allowed: OutboundPolicy;
  const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (req.url === '/hang') return; // never answers
        if (req.url === '/empty') {
          res.writeHead(204, 'Nothing Here');
          res.end();
          return;
        }
        if (req.url === '/not-modified') {
          res.writeHead(304);
          res.end();
          return;
        }
        res.writeHead(201, 'Made It', [
          ['content-type', 'text/plain'],
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
        ]);
        res.end('made');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    allowed = { allowList: allowing(`127.0.0.1:${port}`) };
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const last = () => seen.at(-1)!;

  it('sends the body with its length in bytes, and the caller\u2019s length when given', async () => {
    const response = await outboundRequest(
      { url: `http://127.0.0.1:${port}/a`, method: 'PUT', body: 'grüße' },
      allowed,
    );
    response.resume();
    expect(response.statusCode).toBe(201);
    expect(last()).toMatchObject({ method: 'PUT', url: '/a', body: 'grüße' });
    expect(last().headers['content-length']).toBe('7');

    const bytes = new Uint8Array([104, 105, 33]);
    (
      await outboundRequest({ url: `http://127.0.0.1:${port}/b`, method: 'POST', body: bytes }, allowed)
    ).resume();
    expect(last()).toMatchObject({ body: 'hi!' });
    expect(last().headers['content-length']).toBe('3');

    (
      await outboundRequest(
        {
          url: `http://127.0.0.1:${port}/c`,
          method: 'POST',
          body: 'abcdef',
          headers: { 'Content-Length': '3' },
        },
        allowed,
      )
    ).resume();
    expect(last()).toMatchObject({ body: 'abc' });

    (await outboundRequest({ url: `http://127.0.0.1:${port}/d` }, allowed)).resume();
    expect(last()).toMatchObject({ method: 'GET', url: '/d', body: '' });
    expect(last().headers['content-length']).toBeUndefined();
  });

  it('speaks TLS to an https:// URL, never the clear text a plain server would answer', async () => {
    const before = seen.length;
    await expect(outboundRequest({ url: `https://127.0.0.1:${port}/tls` }, allowed)).rejects.toThrow();
    expect(seen.slice(before).map((s) => s.url)).not.toContain('/tls');
  });

  it('sends nothing once the caller has given up', async () => {
    const before = seen.length;
    const controller = new AbortController();
    controller.abort();
    await expect(
      outboundRequest({ url: `http://127.0.0.1:${port}/aborted`, signal: controller.signal }, allowed),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await expect(
      guardedFetch(() => allowed)(`http://127.0.0.1:${port}/aborted`, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.slice(before)).toEqual([]);
  });

  it('connects to the checked address also where Node asks for one address at a time', async () => {
    // --no-network-family-autoselection: the connection looks up one address instead of all
    const before = getDefaultAutoSelectFamily();
    setDefaultAutoSelectFamily(false);
    try {
      const rebinding: HostLookup = answers('127.0.0.1');
      const response = await outboundRequest({ url: `http://rebind.test:${port}/one` }, allowed, rebinding);
      response.resume();
      expect(response.statusCode).toBe(201);
      expect(last()).toMatchObject({ url: '/one' });
    } finally {
      setDefaultAutoSelectFamily(before);
    }
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    await expect(
      outboundRequest({ url: `http://127.0.0.1:${port}/hang`, timeoutMs: 200 }, allowed),
    ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('fetches with the method, headers and body of the call, and answers status, text and every header', async () => {
    const fetch = guardedFetch(() => allowed);
    const response = await fetch(new URL(`http://127.0.0.1:${port}/f`), {
      method: 'POST',
      headers: { 'X-Trace': 'abc', 'content-type': 'text/plain' },
      body: new URLSearchParams({ q: 'a b' }),
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made It');
    expect(await response.text()).toBe('made');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(last()).toMatchObject({ method: 'POST', url: '/f', body: 'q=a+b' });
    expect(last().headers['x-trace']).toBe('abc');

    for (const [body, sent] of [
      ['text', 'text'],
      [new TextEncoder().encode('bytes'), 'bytes'],
      [new TextEncoder().encode('buffer').buffer, 'buffer'],
      [new DataView(new TextEncoder().encode('xxviewxx').buffer, 2, 4), 'view'],
      [null, ''],
    ] as const) {
      const answer = await fetch({ url: `http://127.0.0.1:${port}/g` } as unknown as string, {
        method: 'POST',
        body: body as RequestInit['body'],
      });
      await answer.text();
      expect(last().body, String(sent)).toBe(sent);
    }
    (await fetch(`http://127.0.0.1:${port}/h`)).body?.cancel();
    expect(last()).toMatchObject({ method: 'GET', url: '/h' });
  });

  it('refuses a body it cannot send as bytes, before connecting', async () => {
    const before = seen.length;
    const iterable = (async function* () {
      yield 'x';
    })();
    await expect(
      guardedFetch(() => allowed)(`http://127.0.0.1:${port}/stream`, {
        method: 'POST',
        body: iterable as unknown as string,
      }),
    ).rejects.toThrow(TypeError);
    expect(seen.slice(before)).toEqual([]);
  });

  it('sends a multipart form (an SDK\u2019s file upload) and a Blob as fetch would encode them', async () => {
    const fetch = guardedFetch(() => allowed);
    const form = new FormData();
    form.append('model', 'whisper-1');
    form.append('file', new Blob(['RIFF-audio'], { type: 'audio/wav' }), 'speech.wav');
    (
      await fetch(`http://127.0.0.1:${port}/upload`, {
        method: 'POST',
        // an SDK may name the type without its boundary: the form's own (with the boundary) wins
        headers: { 'content-type': 'multipart/form-data' },
        body: form,
      })
    ).body?.cancel();
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(
      String(last().headers['content-type']),
    )?.[1];
    expect(boundary).toBeTruthy();
    expect(last().body).toContain(`--${boundary}`);
    expect(last().body).toContain('name="model"\r\n\r\nwhisper-1');
    expect(last().body).toContain('filename="speech.wav"\r\nContent-Type: audio/wav\r\n\r\nRIFF-audio');
    expect(last().headers['content-length']).toBe(String(Buffer.byteLength(last().body)));

    (
      await fetch(`http://127.0.0.1:${port}/blob`, {
        method: 'POST',
        body: new Blob(['x'], { type: 'text/plain' }),
      })
    ).body?.cancel();
    expect(last()).toMatchObject({ url: '/blob', body: 'x' });
    expect(last().headers['content-type']).toBe('text/plain');
  });

  it('answers 204 and 304 without a body', async () => {
    const fetch = guardedFetch(() => allowed);
    const empty = await fetch(`http://127.0.0.1:${port}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.statusText).toBe('Nothing Here');
    expect(empty.body).toBeNull();
    const notModified = await fetch(`http://127.0.0.1:${port}/not-modified`);
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
  });

  it('refuses a loopback URL before any request when the policy changes to nothing allowed', async () => {
    let policy = allowed;
    const fetch = guardedFetch(() => policy);
    (await fetch(`http://127.0.0.1:${port}/first`)).body?.cancel();
    policy = none;
    const before = seen.length;
    await expect(fetch(`http://127.0.0.1:${port}/second`)).rejects.toMatchObject({
      reason: 'blocked_address',
    });
    expect(seen.slice(before)).toEqual([]);
  });
});
