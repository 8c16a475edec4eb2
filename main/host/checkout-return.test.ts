import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkoutReturnServer, type CheckoutReturnServer } from './checkout-return';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../core/testing/harness';
import { FakeStripe } from '../core/testing/fake-stripe';
import { servicesOf } from '../core/testing/services';

/**
 * The desktop's loopback return page for Stripe (issue 16): a page on 127.0.0.1 the system browser
 * lands on after Checkout or the billing portal, since the desktop's app:// pages are no URL Stripe
 * can send a customer back to.
 */

const headersOfAPage = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** A raw HTTP request (fetch refuses some methods and bodies; this says what the server answers). */
function raw(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(method === 'POST' ? 'session_id=cs_test_1' : undefined);
  });
}

describe('the return page', () => {
  let server: CheckoutReturnServer;
  beforeEach(() => {
    server = checkoutReturnServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('starts on demand on 127.0.0.1 with a port of its own, once', async () => {
    expect(server.running).toBe(false);
    const [first, second] = await Promise.all([server.origin(), server.origin()]);
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(second).toBe(first);
    expect(server.running).toBe(true);
  });

  it('says the payment was received, cancelled or the portal is done, in the language asked, with strict headers', async () => {
    const origin = await server.origin();
    const cases = [
      ['/billing/success?session_id=cs_test_a1&lang=en', 'en', 'Payment received'],
      ['/billing/success?session_id=cs_test_a1&lang=nl', 'nl', 'Betaling ontvangen'],
      ['/billing/success?session_id=cs_test_a1&lang=nb', 'nb', 'Betaling mottatt'],
      ['/billing/success?changed=1&lang=nl', 'nl', 'Abonnementswijziging naar Stripe gestuurd'],
      ['/billing/cancelled?lang=en', 'en', 'Payment cancelled'],
      ['/billing/cancelled?lang=nl', 'nl', 'Betaling geannuleerd'],
      ['/billing/cancelled?lang=nb', 'nb', 'Betalingen er avbrutt'],
      ['/billing/portal-return?lang=en', 'en', 'Done in Stripe'],
      ['/billing/portal-return?lang=nl', 'nl', 'Klaar in Stripe'],
      ['/billing/portal-return?lang=nb', 'nb', 'Ferdig i Stripe'],
    ] as const;
    for (const [path, language, title] of cases) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      for (const [name, value] of Object.entries(headersOfAPage))
        expect(response.headers.get(name), `${path} ${name}`).toBe(value);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe');
      const html = await response.text();
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(`<h1>${title}</h1>`);
      // the page stands alone: nothing to load, no script
      expect(html).not.toMatch(/<script|<link|<img|src=|href=/i);
      expect(html).not.toContain('{{');
    }
    const success = await (await fetch(`${origin}/billing/success?lang=en`)).text();
    expect(success).toContain('You can close this tab and return to the app.');
  });

  it("speaks the browser's language when the app named none, and English otherwise", async () => {
    const origin = await server.origin();
    const page = async (acceptLanguage?: string) =>
      (
        await raw(
          origin,
          'GET',
          '/billing/cancelled',
          acceptLanguage ? { 'accept-language': acceptLanguage } : {},
        )
      ).body;
    expect(await page('nl-BE,nl;q=0.9,en;q=0.5')).toContain('Betaling geannuleerd');
    expect(await page('no;q=0.9')).toContain('Betalingen er avbrutt');
    expect(await page('fr-FR,de;q=0.8')).toContain('Payment cancelled');
    expect(await page()).toContain('Payment cancelled');
    // a language the app does not speak, asked for: the browser's
    const odd = await raw(origin, 'GET', '/billing/cancelled?lang=fr', { 'accept-language': 'nb-NO' });
    expect(odd.body).toContain('Betalingen er avbrutt');
  });

  it('never puts anything of the request into the page', async () => {
    const origin = await server.origin();
    const probe = 'zz<script>alert(1)</script>';
    const paths = [
      `/billing/success?session_id=${encodeURIComponent(probe)}&lang=en`,
      `/billing/success?session_id=cs_test_secret777&lang=${encodeURIComponent(probe)}`,
      `/billing/cancelled?next=${encodeURIComponent(probe)}`,
      `/billing/portal-return?x=cs_test_secret777`,
    ];
    for (const path of paths) {
      const response = await raw(origin, 'GET', path, { 'accept-language': probe });
      expect(response.status).toBe(200);
      expect(response.body).not.toContain('zz');
      expect(response.body).not.toContain('secret777');
      expect(response.body).not.toContain('<script');
      expect(JSON.stringify(response.headers)).not.toContain('secret777');
    }
    const notFound = await raw(origin, 'GET', `/billing/${encodeURIComponent(probe)}?q=secret777`);
    expect(notFound.status).toBe(404);
    expect(notFound.body).toBe('Not Found');
  });

  it('answers 404 to every other path and 405 to every method but GET and HEAD', async () => {
    const origin = await server.origin();
    for (const path of [
      '/',
      '/billing',
      '/billing/success/',
      '/billing/successx',
      '/#/billing',
      '/favicon.ico',
      '/../etc/passwd',
    ]) {
      const response = await raw(origin, 'GET', path);
      expect(response.status, path).toBe(404);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await raw(origin, method, '/billing/success?lang=en');
      expect(response.status, method).toBe(405);
      expect(response.headers['allow']).toBe('GET, HEAD');
      expect(response.body).not.toContain('Payment');
    }
    const head = await raw(origin, 'HEAD', '/billing/success');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('closes itself when idle, and starts again when asked', async () => {
    const quick = checkoutReturnServer({ idleMs: 50 });
    const origin = await quick.origin();
    expect((await fetch(`${origin}/billing/cancelled`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(quick.running).toBe(false);
    await expect(fetch(`${origin}/billing/cancelled`)).rejects.toThrow();
    const again = await quick.origin();
    expect((await fetch(`${again}/billing/cancelled`)).status).toBe(200);
    await quick.stop();
  });
});

describe('Checkout from the desktop', () => {
  const stripeApiUrlVariable = 'MINDFRAME_STRIPE_API_URL';
  let h: Harness;
  let fake: FakeStripe;
  let page: CheckoutReturnServer;
  let admin: SignedIn;
  let owner: SignedIn;
  let tenantB: string;

  const call = async <T = unknown>(method: string, input: unknown, who: SignedIn): Promise<T> =>
    (await expectOk(h.core, method as never, input, who.call)) as T;
  const refusal = async (method: string, input: unknown, who: SignedIn) => {
    const result = await h.core.dispatch(method, input, who.call);
    if (result.ok) throw new Error(`${method} succeeded`);
    return result.error;
  };

  beforeEach(async () => {
    h = createHarness();
    fake = new FakeStripe({ now: () => h.clock.now(), accountName: 'Sykkelverksted Nord' });
    await fake.start();
    process.env[stripeApiUrlVariable] = fake.url;
    page = checkoutReturnServer();
    // as on the desktop: no app origin, no public origin
    h.core.setAppOrigin(null);
    h.core.setPublicOrigin(null);
    admin = await setupOwner(h.core, 'Platform Co', 'admin@platform.test');
    tenantB = (await call<{ id: string }>('tenants.create', { name: 'Beta Bakery' }, admin)).id;
    await call('tenants.switch', { tenantId: tenantB }, admin);
    owner = await inviteAndAccept(h.core, admin, 'owner@beta.test', 'owner');
    await call('billing.saveSettings', { enabled: true, secretKey: 'rk_test_mindframe1234' }, admin);
    await call('billing.syncPlans', {}, admin);
  });

  afterEach(async () => {
    delete process.env[stripeApiUrlVariable];
    await page.stop();
    await fake.stop();
    h.close();
  });

  it('without a return page the desktop is refused as before (app_url_unknown)', async () => {
    expect(await refusal('billing.checkout', { planKey: 'starter', interval: 'month' }, owner)).toMatchObject(
      {
        code: 'CONFLICT',
        reason: 'app_url_unknown',
      },
    );
    expect(fake.sessions.size).toBe(0);
  });

  it('sends Stripe back to the loopback page, in the owner’s language, and learns the outcome from Stripe', async () => {
    h.core.setCheckoutReturnOrigin(() => page.origin());
    await call('auth.setLanguage', { language: 'nl' }, owner);
    expect(page.running).toBe(false);
    const { url } = await call<{ url: string }>(
      'billing.checkout',
      { planKey: 'starter', interval: 'month' },
      owner,
    );
    const sessionId = url.split('/').pop()!;
    expect(url).toBe(`${fake.url}/c/pay/${sessionId}`);
    const origin = await page.origin();
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const session = fake.sessions.get(sessionId)!;
    expect(session['success_url']).toBe(`${origin}/billing/success?session_id=${sessionId}&lang=nl`);
    expect(session['cancel_url']).toBe(`${origin}/billing/cancelled?lang=nl`);

    // the system browser lands there after paying: a Dutch page that shows nothing of the session
    const landed = await fetch(String(session['success_url']));
    expect(landed.status).toBe(200);
    const html = await landed.text();
    expect(html).toContain('Betaling ontvangen');
    expect(html).not.toContain(sessionId);
    expect((await fetch(String(session['cancel_url']))).status).toBe(200);

    // no webhook reaches a desktop: Stripe is asked, and the plan changes when it says so
    fake.completeCheckout(sessionId);
    const billing = servicesOf(h.core).billing;
    expect(billing.stripe.pollIntervalMs()).toBe(10_000);
    h.clock.advance(5_000);
    await call('billing.syncNow', {}, admin);
    expect(billing.entitlements.resolve(tenantB).planKey).toBe('starter');

    // the billing portal returns to the loopback page as well
    const portal = await call<{ url: string }>('billing.portal', {}, owner);
    expect(portal.url.startsWith(fake.url)).toBe(true);
    expect([...fake.portalSessions.values()][0]).toMatchObject({
      return_url: `${origin}/billing/portal-return?lang=nl`,
    });
  });

  it('prefers the app’s own address when there is one (served mode keeps its URLs)', async () => {
    h.core.setCheckoutReturnOrigin(() => page.origin());
    h.core.setAppOrigin('https://app.example.test');
    const { url } = await call<{ url: string }>(
      'billing.checkout',
      { planKey: 'starter', interval: 'year' },
      owner,
    );
    const session = fake.sessions.get(url.split('/').pop()!)!;
    expect(session['success_url']).toBe(
      `https://app.example.test/#/billing/success?session_id=${String(session['id'])}`,
    );
    expect(session['cancel_url']).toBe('https://app.example.test/#/billing/cancelled');
    expect(page.running).toBe(false);
  });
});
