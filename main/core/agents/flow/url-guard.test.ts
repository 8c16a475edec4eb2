import { describe, expect, it } from 'vitest';
import { checkHttpTarget, type HostLookup, isPrivateAddress, resolvePublicAddress } from './url-guard';

const allowed = { allowedHosts: ['api.example.com', '*.shop.test'], allowPrivateNetwork: false };
/** An installation whose platform admin allowed these host:ports. */
const installation = (...hostPorts: string[]) => ({ allows: (key: string) => hostPorts.includes(key) });
const anyHost = (host: string) => ({ allowedHosts: [host], allowPrivateNetwork: false });

function code(url: string, options = allowed): string {
  const result = checkHttpTarget(url, options);
  return result.ok ? 'ok' : result.code;
}

describe('checkHttpTarget', () => {
  it('accepts allowed hosts, with placeholders after the host', () => {
    expect(code('https://api.example.com/v1/orders/{{ order.id }}?q={{message}}')).toBe('ok');
    expect(code('http://API.Example.com./x')).toBe('ok');
    expect(code('https://api.example.com:8443/')).toBe('ok');
    expect(code('https://eu.shop.test/')).toBe('ok');
    expect(code('https://a.b.shop.test/')).toBe('ok');
  });

  it('matches a wildcard only for subdomains, never the bare domain or look-alikes', () => {
    expect(code('https://shop.test/')).toBe('blocked_host');
    expect(code('https://evilshop.test/')).toBe('blocked_host');
    expect(code('https://api.example.com.evil.test/')).toBe('blocked_host');
  });

  it('refuses every host when none is allowed', () => {
    const result = checkHttpTarget('https://api.example.com/', {
      allowedHosts: [],
      allowPrivateNetwork: false,
    });
    expect(result).toEqual({
      ok: false,
      code: 'blocked_host',
      message: expect.stringMatching(/allowed hosts/),
      detail: { key: 'flow.url.not_allowed', params: { host: 'api.example.com' } },
    });
  });

  it('normalises allowed-host entries written as URLs, with case, ports or Unicode', () => {
    expect(code('https://api.example.com/', anyHost('https://API.example.com/path'))).toBe('ok');
    expect(code('https://api.example.com/', anyHost('api.example.com:443'))).toBe('ok');
    expect(code('https://münchen.de/', anyHost('MÜNCHEN.de'))).toBe('ok');
    expect(code('https://xn--mnchen-3ya.de/', anyHost('münchen.de'))).toBe('ok');
  });

  it.each([
    ['', /Enter the URL/],
    ['api.example.com/x', /must start with http/],
    ['ftp://api.example.com/', /Only http/],
    ['file:///etc/passwd', /Only http/],
    ['javascript:alert(1)', /Only http/],
    ['https://{{host}}/x', /Write the host name out/],
    ['https://api.{{domain}}/x', /Write the host name out/],
    ['https://api.example.com{{path}}', /Write the host name out/],
    ['https://user:pw@api.example.com/', /user name and password/],
    ['https://api.example.com@evil.test/', /user name and password/],
    ['https://api.exa\tmple.com/', /spaces or control characters/],
    ['https://api.exa\nmple.com/', /spaces or control characters/],
    ['http://[::1/', /not a valid URL/],
    ['https://exa mple.com/', /spaces or control characters/],
  ])('refuses %j as invalid', (url, message) => {
    const result = checkHttpTarget(url, allowed);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('invalid_url');
      expect(result.message).toMatch(message);
    }
  });

  it('lets the URL parser encode spaces after the host', () => {
    expect(code('https://api.example.com/search?q=two words&x={{ message }}')).toBe('ok');
  });

  it('splits the host where the URL parser does, so a backslash cannot hide the real host', () => {
    expect(code('https://evil.test\\@api.example.com/')).toBe('blocked_host');
  });

  it.each([
    'http://127.0.0.1/',
    'http://127.1.2.3:8080/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://0x7f000001/',
    'http://10.0.0.5/',
    'http://172.16.3.4/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://[ff02::1]/',
    'http://[2002:7f00:1::1]/',
    'http://[2001:db8::1]/',
    'http://localhost/',
    'http://LOCALHOST./',
    'http://api.localhost/',
  ])('refuses the private or local address in %s', (url) => {
    const host = new URL(url).hostname;
    const options = {
      allowedHosts: [host.replace(/^\[|\]$/g, ''), 'localhost', '*.localhost'],
      allowPrivateNetwork: false,
    };
    const result = checkHttpTarget(url, options);
    expect(result).toEqual({
      ok: false,
      code: 'blocked_host',
      message: expect.stringMatching(/private network/),
      detail: { key: 'flow.url.private', params: { host: expect.any(String) } },
    });
    // opening the private network is not enough: the installation must allow that host:port
    const parsed = new URL(url);
    const port = parsed.port || '80';
    expect(checkHttpTarget(url, { ...options, allowPrivateNetwork: true })).toEqual({
      ok: false,
      code: 'blocked_host',
      message: expect.stringMatching(/this installation does not allow/),
      detail: { key: 'flow.url.private_not_allowed', params: { address: expect.any(String) } },
    });
    const hostPort = `${parsed.hostname.replace(/\.$/, '')}:${port}`;
    expect(
      checkHttpTarget(url, { ...options, allowPrivateNetwork: true, installation: installation(hostPort) }),
    ).toEqual({ ok: true });
    // the installation's allow-list does not open the private network for a node that keeps it shut
    expect(checkHttpTarget(url, { ...options, installation: installation(hostPort) })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Allow private network/),
    });
  });

  it('allows a private host:port on the installation list for that port only', () => {
    const options = {
      allowedHosts: ['127.0.0.1'],
      allowPrivateNetwork: true,
      installation: installation('127.0.0.1:11434'),
    };
    expect(code('http://127.0.0.1:11434/api', options)).toBe('ok');
    expect(code('http://2130706433:11434/api', options)).toBe('ok');
    expect(code('http://127.0.0.1:11435/api', options)).toBe('blocked_host');
    expect(code('http://127.0.0.1/api', options)).toBe('blocked_host');
  });

  it('accepts public IP literals that are allowed', () => {
    expect(code('http://93.184.216.34/', anyHost('93.184.216.34'))).toBe('ok');
    expect(code('http://[2606:4700::1111]/', anyHost('2606:4700::1111'))).toBe('ok');
    expect(code('http://[2606:4700::1111]/', anyHost('[2606:4700:0::1111]'))).toBe('ok');
    expect(code('http://[::ffff:5db8:d822]/', anyHost('::ffff:93.184.216.34'))).toBe('ok');
  });

  it('keeps a private address allowed by the node within its allowed hosts', () => {
    const options = {
      allowedHosts: ['10.0.0.5'],
      allowPrivateNetwork: true,
      installation: installation('10.0.0.5:80', '10.0.0.6:80'),
    };
    expect(code('http://10.0.0.5/', options)).toBe('ok');
    expect(code('http://10.0.0.6/', options)).toBe('blocked_host');
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['172.32.0.1', false],
    ['100.128.0.1', false],
    ['2606:4700:4700::1111', false],
    ['192.0.2.1', true],
    ['198.18.0.1', true],
    ['fe80::1%eth0', true],
    ['::ffff:8.8.8.8', false],
    ['::ffff:10.1.2.3', true],
    ['64:ff9b::808:808', false],
    ['::127.0.0.1', true],
    ['not an ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('resolvePublicAddress', () => {
  const answers =
    (...addresses: string[]): HostLookup =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('returns the first address of a public host, to connect to', async () => {
    const result = await resolvePublicAddress(
      'https://api.example.com/x',
      allowed,
      answers('93.184.216.34', '2606:2800::1'),
    );
    expect(result).toMatchObject({
      ok: true,
      hostname: 'api.example.com',
      address: '93.184.216.34',
      family: 4,
    });
  });

  it('refuses a host when any of its addresses is private (DNS rebinding)', async () => {
    const result = await resolvePublicAddress(
      'https://api.example.com/x',
      allowed,
      answers('93.184.216.34', '127.0.0.1'),
    );
    expect(result).toEqual({
      ok: false,
      code: 'blocked_host',
      message: expect.stringMatching(/private network/),
      detail: { key: 'flow.url.resolves_private', params: { host: 'api.example.com' } },
    });
  });

  it('allows private answers when the node allows the private network', async () => {
    const open = { ...allowed, allowPrivateNetwork: true };
    expect(await resolvePublicAddress('https://api.example.com/x', open, answers('10.0.0.7'))).toMatchObject({
      ok: false,
      code: 'blocked_host',
    });
    const result = await resolvePublicAddress(
      'https://api.example.com/x',
      { ...open, installation: installation('10.0.0.7:443') },
      answers('10.0.0.7'),
    );
    expect(result).toMatchObject({ ok: true, address: '10.0.0.7', family: 4 });
    // every address must pass: one allowed private address does not carry another
    expect(
      await resolvePublicAddress(
        'https://api.example.com/x',
        { ...open, installation: installation('10.0.0.7:443') },
        answers('10.0.0.7', '10.0.0.8'),
      ),
    ).toMatchObject({ ok: false, code: 'blocked_host' });
  });

  it('does not resolve IP literals, and still refuses private ones', async () => {
    const lookup: HostLookup = () => Promise.reject(new Error('must not be called'));
    expect(
      await resolvePublicAddress('http://[2606:4700::1111]/', anyHost('2606:4700::1111'), lookup),
    ).toMatchObject({ ok: true, address: '2606:4700::1111', family: 6 });
    expect(await resolvePublicAddress('http://2130706433/', anyHost('127.0.0.1'), lookup)).toMatchObject({
      ok: false,
      code: 'blocked_host',
    });
  });

  it('checks the static rules first, before any lookup', async () => {
    let looked = false;
    const lookup: HostLookup = async () => {
      looked = true;
      return [];
    };
    expect(await resolvePublicAddress('https://other.test/', allowed, lookup)).toMatchObject({
      code: 'blocked_host',
    });
    expect(await resolvePublicAddress(new URL('ftp://api.example.com/'), allowed, lookup)).toMatchObject({
      code: 'invalid_url',
    });
    expect(looked).toBe(false);
  });

  it('takes a rendered URL as it is, braces included', async () => {
    const result = await resolvePublicAddress(
      'https://api.example.com/q?text={{not a placeholder}}',
      allowed,
      answers('93.184.216.34'),
    );
    expect(result.ok && result.url.search).toBe('?text={{not%20a%20placeholder}}');
  });

  it('reports hosts that do not resolve', async () => {
    const failing: HostLookup = () =>
      Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }));
    expect(await resolvePublicAddress('https://api.example.com/', allowed, failing)).toMatchObject({
      ok: false,
      code: 'unresolvable',
    });
    expect(await resolvePublicAddress('https://api.example.com/', allowed, answers())).toMatchObject({
      ok: false,
      code: 'unresolvable',
    });
  });

  it('refuses answers that are not IP addresses', async () => {
    expect(await resolvePublicAddress('https://api.example.com/', allowed, answers('garbage'))).toMatchObject(
      {
        ok: false,
        code: 'blocked_host',
      },
    );
  });

  it('pins a localhost name to 127.0.0.1 without asking DNS', async () => {
    const result = await resolvePublicAddress('http://localhost/', {
      allowedHosts: ['localhost'],
      allowPrivateNetwork: true,
      installation: installation('localhost:80'),
    });
    expect(result).toMatchObject({ ok: true, hostname: 'localhost', address: '127.0.0.1' });
    if (result.ok) expect(isPrivateAddress(result.address)).toBe(true);
  });
});
