import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local HTTP server speaking the parts of Stripe's wire format Mindframe uses (issue 16), so tests
 * run the real `stripe` SDK against it: form-encoded request bodies with bracket notation, JSON
 * objects with `object` and Stripe's id prefixes, list envelopes, Stripe's error envelope. Helpers
 * play what a customer or Stripe itself does (complete a Checkout, renew a period, fail a payment)
 * and record the events that follows, which a test delivers as signed webhooks or lets polling read.
 */

type Obj = Record<string, unknown>;
type Form = { [key: string]: FormValue };
type FormValue = string | Form | FormValue[];

/** `a[b][0][c]=1&x=2` → `{ a: { b: [{ c: '1' }] }, x: '2' }` (what Stripe's SDK sends, and `qs` would parse). */
export function parseStripeForm(text: string): Form {
  const root: Form = {};
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    const first = rawKey.indexOf('[');
    const path =
      first < 0
        ? [rawKey]
        : [
            rawKey.slice(0, first),
            ...[...rawKey.slice(first).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? ''),
          ];
    let node: Form = root;
    path.forEach((segment, index) => {
      const key = segment === '' ? String(Object.keys(node).length) : segment;
      if (index === path.length - 1) node[key] = value;
      else {
        const next = node[key];
        if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
        node = node[key] as Form;
      }
    });
  }
  return arraysOf(root) as Form;
}

function arraysOf(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: Form = {};
  for (const key of keys) converted[key] = arraysOf(value[key]!);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key)))
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => converted[key]!);
  return converted;
}

class StripeFault extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const str = (value: FormValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;
const num = (value: FormValue | undefined): number | undefined =>
  typeof value === 'string' && value !== '' ? Number(value) : undefined;
const bool = (value: FormValue | undefined): boolean | undefined =>
  value === 'true' ? true : value === 'false' ? false : undefined;
const rec = (value: FormValue | undefined): Form =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};
const arr = (value: FormValue | undefined): FormValue[] =>
  Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
const metadataOf = (value: FormValue | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(rec(value)).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;

const dayS = 86_400;
/**
 * Stripe's update by form: each field the form sends is set, read by its own rule (a field the form
 * leaves out stays as it is), and metadata sent is merged into the metadata there.
 */
function updateFrom(
  target: Obj,
  form: Form,
  fields: Record<string, (value: FormValue | undefined) => unknown> = {},
): Obj {
  for (const [field, read] of Object.entries(fields))
    if (form[field] !== undefined) target[field] = read(form[field]);
  if (form['metadata'] !== undefined)
    target['metadata'] = { ...(target['metadata'] as Obj), ...metadataOf(form['metadata']) };
  return target;
}

const periodSeconds = (interval: string): number => (interval === 'year' ? 365 * dayS : 30 * dayS);

export interface FakeStripeOptions {
  /** The keys Stripe accepts; by default every sk_test_/rk_test_/sk_live_/rk_live_ key without "bad" in it. */
  keys?: string[];
  /** The test's clock (ms); Stripe's `created` and periods follow it. */
  now?: () => number;
  accountName?: string;
}

export interface FakeStripeEvent {
  id: string;
  object: 'event';
  type: string;
  created: number;
  api_version: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  data: { object: Obj; previous_attributes?: Obj };
}

export class FakeStripe {
  readonly products = new Map<string, Obj>();
  readonly prices = new Map<string, Obj>();
  readonly customers = new Map<string, Obj>();
  readonly sessions = new Map<string, Obj>();
  readonly subscriptions = new Map<string, Obj>();
  readonly schedules = new Map<string, Obj>();
  readonly invoices = new Map<string, Obj>();
  readonly portalSessions = new Map<string, Obj>();
  /** Every event, oldest first. */
  readonly events: FakeStripeEvent[] = [];
  readonly meterEvents: Obj[] = [];
  readonly meters = new Map<string, Obj>();
  /** Each request's method and path (no bodies, no keys). */
  readonly requests: string[] = [];
  /** While true every request fails as an outage would (the connection is dropped). */
  down = false;
  url = '';
  private server: Server | null = null;
  private counter = 0;
  private invoiceNumber = 0;
  private readonly idempotent = new Map<string, { status: number; body: unknown }>();

  constructor(private readonly options: FakeStripeOptions = {}) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private nowS(): number {
    return Math.floor((this.options.now?.() ?? Date.now()) / 1000);
  }

  private id(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${'fake'}${String(this.counter).padStart(6, '0')}${Math.random().toString(36).slice(2, 10)}`;
  }

  private list(data: Obj[], url: string, limit = 10, startingAfter?: string): Obj {
    let start = 0;
    if (startingAfter) {
      const index = data.findIndex((item) => item['id'] === startingAfter);
      start = index < 0 ? data.length : index + 1;
    }
    const page = data.slice(start, start + limit);
    return { object: 'list', data: page, has_more: start + limit < data.length, url };
  }

  // ── events ─────────────────────────────────────────────────────────────────────────────────────

  private emit(type: string, object: Obj, previous?: Obj): FakeStripeEvent {
    const event: FakeStripeEvent = {
      id: this.id('evt'),
      object: 'event',
      type,
      created: this.nowS(),
      api_version: Stripe.API_VERSION ?? '2026-11-18.endive',
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
    };
    this.events.push(event);
    return event;
  }

  /** A webhook delivery of an event as Stripe sends it: the JSON body and its Stripe-Signature header. */
  signedWebhook(
    event: FakeStripeEvent,
    secret: string,
    timestampSeconds = this.nowS(),
  ): { payload: string; headers: Record<string, string> } {
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: timestampSeconds });
    return {
      payload,
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header },
    };
  }

  // ── what customers and Stripe do ───────────────────────────────────────────────────────────────

  /** The customer pays in Checkout: a subscription and its first (paid) invoice, then the events. */
  completeCheckout(sessionId: string, options: { trialDays?: number } = {}): FakeStripeEvent[] {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId}`);
    const from = this.events.length;
    const lineItems = (session['_line_items'] ?? []) as { price: string; quantity: number }[];
    const subscriptionData = (session['_subscription_data'] ?? {}) as { metadata?: Record<string, string> };
    const now = this.nowS();
    const trialEnd = options.trialDays ? now + options.trialDays * dayS : null;
    const subscription = this.makeSubscription(
      String(session['customer']),
      lineItems,
      subscriptionData.metadata ?? {},
      now,
      trialEnd,
    );
    this.emit('customer.subscription.created', subscription);
    const invoice = this.makeInvoice(subscription, trialEnd ? 0 : undefined);
    this.emit('invoice.finalized', invoice);
    this.markPaid(invoice);
    this.emit('invoice.paid', invoice);
    subscription['latest_invoice'] = invoice['id'];
    session['status'] = 'complete';
    session['payment_status'] = 'paid';
    session['subscription'] = subscription['id'];
    this.emit('checkout.session.completed', this.publicSession(session));
    return this.events.slice(from);
  }

  /**
   * The next period starts: the schedule's next phase (a downgrade at period end) applies, an invoice
   * is made and paid, or its payment fails and the subscription goes past due.
   */
  renew(subscriptionId: string, options: { paid: boolean }): FakeStripeEvent[] {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
    const from = this.events.length;
    const previous = structuredClone(subscription);
    const item = this.itemsOf(subscription)[0]!;
    const start = Number(item['current_period_end']);
    const scheduleId = subscription['schedule'] as string | null;
    if (scheduleId) {
      const schedule = this.schedules.get(scheduleId)!;
      const phase = (schedule['phases'] as Obj[]).find((p) => Number(p['start_date']) === start);
      const price = phase ? ((phase['items'] as Obj[])[0]?.['price'] as string | undefined) : undefined;
      if (price) item['price'] = this.prices.get(price);
      schedule['status'] = 'released';
      subscription['schedule'] = null;
    }
    if (subscription['cancel_at_period_end'] === true) {
      subscription['status'] = 'canceled';
      subscription['canceled_at'] = start;
      subscription['ended_at'] = start;
      this.emit('customer.subscription.deleted', subscription);
      return this.events.slice(from);
    }
    const interval = String(rec((item['price'] as Obj)['recurring'] as Form)['interval'] ?? 'month');
    item['current_period_start'] = start;
    item['current_period_end'] = start + periodSeconds(interval);
    subscription['trial_end'] = null;
    const invoice = this.makeInvoice(subscription);
    this.emit('invoice.finalized', invoice);
    subscription['latest_invoice'] = invoice['id'];
    if (options.paid) {
      this.markPaid(invoice);
      subscription['status'] = 'active';
      this.emit('invoice.paid', invoice);
    } else {
      invoice['attempt_count'] = 1;
      subscription['status'] = 'past_due';
      this.emit('invoice.payment_failed', invoice);
    }
    this.emit('customer.subscription.updated', subscription, { status: previous['status'] });
    return this.events.slice(from);
  }

  /** The customer pays an open invoice (after dunning): the subscription is active again. */
  payInvoice(invoiceId: string): FakeStripeEvent[] {
    const invoice = this.invoices.get(invoiceId);
    if (!invoice) throw new Error(`no invoice ${invoiceId}`);
    const from = this.events.length;
    this.markPaid(invoice);
    this.emit('invoice.paid', invoice);
    const subscriptionId = this.subscriptionOfInvoice(invoice);
    const subscription = subscriptionId ? this.subscriptions.get(subscriptionId) : undefined;
    if (subscription && subscription['status'] !== 'active') {
      const before = subscription['status'];
      subscription['status'] = 'active';
      this.emit('customer.subscription.updated', subscription, { status: before });
    }
    return this.events.slice(from);
  }

  /** Dunning ran out: Stripe cancels the subscription. */
  cancelNow(subscriptionId: string): FakeStripeEvent[] {
    const subscription = this.subscriptions.get(subscriptionId)!;
    const from = this.events.length;
    subscription['status'] = 'canceled';
    subscription['canceled_at'] = this.nowS();
    subscription['ended_at'] = this.nowS();
    this.emit('customer.subscription.deleted', subscription);
    return this.events.slice(from);
  }

  /** Adds a coupon to a subscription (for MRR: a forever coupon reduces it). */
  addCoupon(
    subscriptionId: string,
    coupon: { percent_off?: number; amount_off?: number; duration: string },
  ): void {
    const subscription = this.subscriptions.get(subscriptionId)!;
    const discount = {
      id: this.id('di'),
      object: 'discount',
      source: {
        type: 'coupon',
        coupon: {
          id: this.id('co'),
          object: 'coupon',
          percent_off: coupon.percent_off ?? null,
          amount_off: coupon.amount_off ?? null,
          duration: coupon.duration,
          valid: true,
        },
      },
      subscription: subscriptionId,
      start: this.nowS(),
      end: null,
    };
    subscription['discounts'] = [discount];
  }

  // ── object makers ──────────────────────────────────────────────────────────────────────────────

  private itemsOf(subscription: Obj): Obj[] {
    return (subscription['items'] as { data: Obj[] }).data;
  }

  private makeSubscription(
    customer: string,
    lineItems: { price: string; quantity: number }[],
    metadata: Record<string, string>,
    now: number,
    trialEnd: number | null,
  ): Obj {
    const id = this.id('sub');
    const items = lineItems.map((line) => {
      const price = this.prices.get(line.price);
      if (!price)
        throw new StripeFault(
          400,
          'invalid_request_error',
          `No such price: '${line.price}'`,
          'resource_missing',
        );
      const interval = String(rec(price['recurring'] as Form)['interval'] ?? 'month');
      return {
        id: this.id('si'),
        object: 'subscription_item',
        price,
        quantity: line.quantity,
        subscription: id,
        current_period_start: now,
        current_period_end: trialEnd ?? now + periodSeconds(interval),
        metadata: {},
        created: now,
      };
    });
    const subscription: Obj = {
      id,
      object: 'subscription',
      customer,
      status: trialEnd ? 'trialing' : 'active',
      items: {
        object: 'list',
        data: items,
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
      },
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      trial_start: trialEnd ? now : null,
      trial_end: trialEnd,
      discounts: [],
      metadata,
      latest_invoice: null,
      currency: String(items[0]?.price['currency'] ?? 'eur'),
      created: now,
      start_date: now,
      billing_cycle_anchor: now,
      schedule: null,
      livemode: false,
    };
    this.subscriptions.set(id, subscription);
    return subscription;
  }

  private makeInvoice(subscription: Obj, amountOverride?: number): Obj {
    const id = this.id('in');
    const lines = this.itemsOf(subscription).map((item) => {
      const price = item['price'] as Obj;
      const amount = amountOverride ?? Number(price['unit_amount'] ?? 0) * Number(item['quantity'] ?? 1);
      return {
        id: this.id('il'),
        object: 'line_item',
        amount,
        currency: price['currency'],
        period: { start: item['current_period_start'], end: item['current_period_end'] },
        pricing: { type: 'price_details', price_details: { price: price['id'], product: price['product'] } },
        quantity: item['quantity'],
      };
    });
    const total = lines.reduce((sum, line) => sum + Number(line.amount), 0);
    this.invoiceNumber += 1;
    const first = this.itemsOf(subscription)[0]!;
    const invoice: Obj = {
      id,
      object: 'invoice',
      customer: subscription['customer'],
      status: 'open',
      number: `FAKE-${String(this.invoiceNumber).padStart(4, '0')}`,
      currency: subscription['currency'],
      subtotal: total,
      total,
      total_taxes: [],
      amount_due: total,
      amount_paid: 0,
      amount_remaining: total,
      attempt_count: 0,
      period_start: first['current_period_start'],
      period_end: first['current_period_end'],
      created: this.nowS(),
      hosted_invoice_url: `${this.url}/invoice/${id}`,
      invoice_pdf: `${this.url}/invoice/${id}/pdf`,
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { subscription: subscription['id'], metadata: subscription['metadata'] },
      },
      lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
      livemode: false,
    };
    this.invoices.set(id, invoice);
    return invoice;
  }

  private markPaid(invoice: Obj): void {
    invoice['status'] = 'paid';
    invoice['amount_paid'] = invoice['total'];
    invoice['amount_remaining'] = 0;
  }

  private subscriptionOfInvoice(invoice: Obj): string | null {
    const parent = invoice['parent'] as { subscription_details?: { subscription?: string } } | null;
    return parent?.subscription_details?.subscription ?? null;
  }

  private publicSession(session: Obj): Obj {
    return Object.fromEntries(Object.entries(session).filter(([key]) => !key.startsWith('_')));
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────────────────────────

  private authorised(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    const key = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (this.options.keys) return this.options.keys.includes(key);
    return /^(sk|rk)_(test|live)_/.test(key) && !key.includes('bad');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.down) {
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}`);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'request-id': this.id('req') });
      response.end(JSON.stringify(body));
    };
    if (!this.authorised(request)) {
      send(401, {
        error: {
          type: 'invalid_request_error',
          message: 'Invalid API Key provided: ****',
          code: 'api_key_invalid',
        },
      });
      return;
    }
    const idempotencyKey = method === 'POST' ? request.headers['idempotency-key'] : undefined;
    const idempotencyId = typeof idempotencyKey === 'string' ? `${url.pathname}:${idempotencyKey}` : null;
    if (idempotencyId && this.idempotent.has(idempotencyId)) {
      const stored = this.idempotent.get(idempotencyId)!;
      send(stored.status, stored.body);
      return;
    }
    const form =
      method === 'GET' || method === 'DELETE'
        ? parseStripeForm(url.search.slice(1))
        : parseStripeForm(Buffer.concat(chunks).toString('utf8'));
    let status = 200;
    let body: unknown;
    try {
      body = this.route(method, url.pathname, form);
    } catch (error) {
      if (error instanceof StripeFault) {
        status = error.status;
        body = {
          error: {
            type: error.type,
            message: error.message,
            ...(error.code ? { code: error.code } : {}),
            ...(error.param ? { param: error.param } : {}),
          },
        };
      } else {
        status = 500;
        body = {
          error: { type: 'api_error', message: error instanceof Error ? error.message : 'fake failed' },
        };
      }
    }
    if (idempotencyId) this.idempotent.set(idempotencyId, { status, body });
    send(status, body);
  }

  private route(method: string, path: string, form: Form): unknown {
    const parts = path.split('/').filter(Boolean);
    if (parts[0] !== 'v1')
      throw new StripeFault(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path})`);
    const compound = parts[1] === 'checkout' || parts[1] === 'billing_portal' || parts[1] === 'billing';
    const resource = compound ? `${parts[1]}/${parts[2]}` : parts[1];
    const [id, action] = compound ? parts.slice(3) : parts.slice(2);
    const key = `${method} ${resource}${id !== undefined ? '/:id' : ''}${action ? `/${action}` : ''}`;
    const missing = (what: string, which: string) =>
      new StripeFault(404, 'invalid_request_error', `No such ${what}: '${which}'`, 'resource_missing', 'id');
    const get = <T>(map: Map<string, T>, what: string): T => {
      const found = map.get(id!);
      if (!found) throw missing(what, id!);
      return found;
    };
    switch (key) {
      case 'GET account':
        return {
          id: 'acct_fake000001',
          object: 'account',
          business_profile: { name: this.options.accountName ?? 'Fake Shop' },
          settings: { dashboard: { display_name: this.options.accountName ?? 'Fake Shop' } },
          charges_enabled: true,
        };
      case 'GET balance':
        return { object: 'balance', available: [], pending: [], livemode: false };
      // products
      case 'POST products': {
        const product = {
          id: str(form['id']) ?? this.id('prod'),
          object: 'product',
          name: str(form['name']) ?? '',
          description: str(form['description']) ?? null,
          active: bool(form['active']) ?? true,
          metadata: metadataOf(form['metadata']),
          created: this.nowS(),
          updated: this.nowS(),
        };
        this.products.set(product.id, product);
        return product;
      }
      case 'GET products': {
        let all = [...this.products.values()].reverse();
        const active = bool(form['active']);
        if (active !== undefined) all = all.filter((p) => p['active'] === active);
        return this.list(all, '/v1/products', num(form['limit']) ?? 10, str(form['starting_after']));
      }
      case 'GET products/:id':
        return get(this.products, 'product');
      case 'POST products/:id': {
        const product = updateFrom(get(this.products, 'product'), form, {
          name: str,
          description: (value) => str(value) || null,
          active: bool,
        });
        product['updated'] = this.nowS();
        return product;
      }
      // prices
      case 'POST prices': {
        const product = str(form['product']);
        if (!product || !this.products.has(product))
          throw new StripeFault(
            400,
            'invalid_request_error',
            `No such product: '${product}'`,
            'resource_missing',
            'product',
          );
        const lookupKey = str(form['lookup_key']) ?? null;
        if (lookupKey) {
          const holder = [...this.prices.values()].find((p) => p['lookup_key'] === lookupKey);
          if (holder && bool(form['transfer_lookup_key']) !== true)
            throw new StripeFault(
              400,
              'invalid_request_error',
              'A price with this lookup_key exists',
              'lookup_key_exists',
              'lookup_key',
            );
          if (holder) holder['lookup_key'] = null;
        }
        const recurring = rec(form['recurring']);
        const price = {
          id: this.id('price'),
          object: 'price',
          product,
          currency: (str(form['currency']) ?? 'eur').toLowerCase(),
          unit_amount: num(form['unit_amount']) ?? 0,
          type: recurring['interval'] ? 'recurring' : 'one_time',
          recurring: recurring['interval']
            ? {
                interval: str(recurring['interval']),
                interval_count: num(recurring['interval_count']) ?? 1,
                usage_type: 'licensed',
              }
            : null,
          lookup_key: lookupKey,
          active: bool(form['active']) ?? true,
          metadata: metadataOf(form['metadata']),
          nickname: str(form['nickname']) ?? null,
          created: this.nowS(),
          livemode: false,
        };
        this.prices.set(price.id, price);
        return price;
      }
      case 'GET prices': {
        let all = [...this.prices.values()].reverse();
        const lookupKeys = arr(form['lookup_keys']).map(String);
        if (lookupKeys.length > 0) all = all.filter((p) => lookupKeys.includes(String(p['lookup_key'])));
        const product = str(form['product']);
        if (product) all = all.filter((p) => p['product'] === product);
        const active = bool(form['active']);
        if (active !== undefined) all = all.filter((p) => p['active'] === active);
        return this.list(all, '/v1/prices', num(form['limit']) ?? 10, str(form['starting_after']));
      }
      case 'GET prices/:id':
        return get(this.prices, 'price');
      case 'POST prices/:id': {
        return updateFrom(get(this.prices, 'price'), form, {
          active: bool,
          lookup_key: (value) => str(value) || null,
        });
      }
      // customers
      case 'POST customers': {
        const customer = {
          id: this.id('cus'),
          object: 'customer',
          name: str(form['name']) ?? null,
          email: str(form['email']) ?? null,
          metadata: metadataOf(form['metadata']),
          created: this.nowS(),
          livemode: false,
        };
        this.customers.set(customer.id, customer);
        return customer;
      }
      case 'GET customers/:id':
        return get(this.customers, 'customer');
      // checkout
      case 'POST checkout/sessions': {
        const mode = str(form['mode']);
        if (mode !== 'subscription' && mode !== 'payment' && mode !== 'setup')
          throw new StripeFault(
            400,
            'invalid_request_error',
            'Missing required param: mode.',
            'parameter_missing',
            'mode',
          );
        const successUrl = str(form['success_url']);
        if (!successUrl)
          throw new StripeFault(
            400,
            'invalid_request_error',
            'Missing success_url',
            'parameter_missing',
            'success_url',
          );
        const customer = str(form['customer']) ?? null;
        if (customer && !this.customers.has(customer))
          throw new StripeFault(
            400,
            'invalid_request_error',
            `No such customer: '${customer}'`,
            'resource_missing',
            'customer',
          );
        const lineItems = arr(form['line_items']).map((line) => ({
          price: String(rec(line)['price'] ?? ''),
          quantity: num(rec(line)['quantity']) ?? 1,
        }));
        for (const line of lineItems)
          if (!this.prices.has(line.price))
            throw new StripeFault(
              400,
              'invalid_request_error',
              `No such price: '${line.price}'`,
              'resource_missing',
              'line_items',
            );
        const sessionId = this.id('cs_test');
        const session: Obj = {
          id: sessionId,
          object: 'checkout.session',
          mode,
          status: 'open',
          payment_status: 'unpaid',
          customer,
          client_reference_id: str(form['client_reference_id']) ?? null,
          subscription: null,
          success_url: successUrl.replace('{CHECKOUT_SESSION_ID}', sessionId),
          cancel_url: str(form['cancel_url']) ?? null,
          url: `${this.url}/c/pay/${sessionId}`,
          metadata: metadataOf(form['metadata']),
          currency: lineItems[0] ? this.prices.get(lineItems[0].price)!['currency'] : null,
          created: this.nowS(),
          expires_at: this.nowS() + dayS,
          livemode: false,
          _line_items: lineItems,
          _subscription_data: { metadata: metadataOf(rec(form['subscription_data'])['metadata']) },
        };
        this.sessions.set(sessionId, session);
        return this.publicSession(session);
      }
      case 'GET checkout/sessions/:id':
        return this.publicSession(get(this.sessions, 'checkout.session'));
      case 'POST billing_portal/sessions': {
        const customer = str(form['customer']);
        if (!customer || !this.customers.has(customer))
          throw new StripeFault(
            400,
            'invalid_request_error',
            `No such customer: '${customer}'`,
            'resource_missing',
            'customer',
          );
        const portal = {
          id: this.id('bps'),
          object: 'billing_portal.session',
          customer,
          return_url: str(form['return_url']) ?? null,
          url: `${this.url}/p/session/${this.counter}`,
          created: this.nowS(),
          livemode: false,
        };
        this.portalSessions.set(portal.id, portal);
        return portal;
      }
      // subscriptions
      case 'GET subscriptions': {
        let all = [...this.subscriptions.values()].reverse();
        const customer = str(form['customer']);
        if (customer) all = all.filter((s) => s['customer'] === customer);
        const status = str(form['status']);
        if (status && status !== 'all') all = all.filter((s) => s['status'] === status);
        else if (!status) all = all.filter((s) => s['status'] !== 'canceled');
        return this.list(all, '/v1/subscriptions', num(form['limit']) ?? 10, str(form['starting_after']));
      }
      case 'GET subscriptions/:id':
        return get(this.subscriptions, 'subscription');
      case 'POST subscriptions/:id': {
        const subscription = get(this.subscriptions, 'subscription');
        if (subscription['status'] === 'canceled')
          throw new StripeFault(
            400,
            'invalid_request_error',
            'A canceled subscription can only update its metadata.',
          );
        const previous: Obj = {};
        const cancel = bool(form['cancel_at_period_end']);
        if (cancel !== undefined && cancel !== subscription['cancel_at_period_end']) {
          previous['cancel_at_period_end'] = subscription['cancel_at_period_end'];
          subscription['cancel_at_period_end'] = cancel;
          subscription['cancel_at'] = cancel ? this.itemsOf(subscription)[0]!['current_period_end'] : null;
          subscription['canceled_at'] = cancel ? this.nowS() : null;
        }
        for (const line of arr(form['items'])) {
          const itemId = str(rec(line)['id']);
          const priceId = str(rec(line)['price']);
          const item = this.itemsOf(subscription).find((i) => i['id'] === itemId);
          if (!item)
            throw new StripeFault(
              400,
              'invalid_request_error',
              `No such subscription item: '${itemId}'`,
              'resource_missing',
              'items',
            );
          if (priceId) {
            const price = this.prices.get(priceId);
            if (!price)
              throw new StripeFault(
                400,
                'invalid_request_error',
                `No such price: '${priceId}'`,
                'resource_missing',
                'items',
              );
            previous['items'] = structuredClone(subscription['items']);
            item['price'] = price;
            const interval = String(rec(price['recurring'] as Form)['interval'] ?? 'month');
            const before = rec((previous['items'] as { data: Form[] }).data[0]!['price'] as Form);
            if (rec(before['recurring'])['interval'] !== interval) {
              // a new interval starts a new period (and a new invoice), as in Stripe
              item['current_period_start'] = this.nowS();
              item['current_period_end'] = this.nowS() + periodSeconds(interval);
            }
          }
        }
        updateFrom(subscription, form);
        if (form['proration_behavior'] !== undefined)
          subscription['_last_proration'] = str(form['proration_behavior']);
        this.emit('customer.subscription.updated', subscription, previous);
        return subscription;
      }
      case 'DELETE subscriptions/:id': {
        const subscription = get(this.subscriptions, 'subscription');
        subscription['status'] = 'canceled';
        subscription['canceled_at'] = this.nowS();
        subscription['ended_at'] = this.nowS();
        this.emit('customer.subscription.deleted', subscription);
        return subscription;
      }
      // subscription schedules (a downgrade at the end of the period)
      case 'POST subscription_schedules': {
        const subscriptionId = str(form['from_subscription']);
        const subscription = subscriptionId ? this.subscriptions.get(subscriptionId) : undefined;
        if (!subscription)
          throw new StripeFault(
            400,
            'invalid_request_error',
            `No such subscription: '${subscriptionId}'`,
            'resource_missing',
            'from_subscription',
          );
        const item = this.itemsOf(subscription)[0]!;
        const schedule = {
          id: this.id('sub_sched'),
          object: 'subscription_schedule',
          subscription: subscriptionId,
          customer: subscription['customer'],
          status: 'active',
          end_behavior: 'release',
          phases: [
            {
              start_date: item['current_period_start'],
              end_date: item['current_period_end'],
              items: [{ price: (item['price'] as Obj)['id'], quantity: item['quantity'] }],
            },
          ],
        };
        this.schedules.set(schedule.id, schedule);
        subscription['schedule'] = schedule.id;
        return schedule;
      }
      case 'GET subscription_schedules/:id':
        return get(this.schedules, 'subscription_schedule');
      case 'POST subscription_schedules/:id': {
        const schedule = get(this.schedules, 'subscription_schedule');
        const phases = arr(form['phases']).map(rec);
        let cursor = Number((schedule['phases'] as Obj[])[0]?.['start_date'] ?? this.nowS());
        schedule['phases'] = phases.map((phase) => {
          const start = num(phase['start_date']) ?? cursor;
          const end = num(phase['end_date']) ?? null;
          cursor = end ?? cursor;
          return {
            start_date: start,
            end_date: end,
            items: arr(phase['items']).map((line) => ({
              price: str(rec(line)['price']),
              quantity: num(rec(line)['quantity']) ?? 1,
            })),
          };
        });
        if (form['end_behavior'] !== undefined) schedule['end_behavior'] = str(form['end_behavior']);
        return schedule;
      }
      // invoices
      case 'GET invoices': {
        let all = [...this.invoices.values()].reverse();
        const customer = str(form['customer']);
        if (customer) all = all.filter((i) => i['customer'] === customer);
        const subscription = str(form['subscription']);
        if (subscription) all = all.filter((i) => this.subscriptionOfInvoice(i) === subscription);
        return this.list(all, '/v1/invoices', num(form['limit']) ?? 10, str(form['starting_after']));
      }
      case 'GET invoices/:id':
        return get(this.invoices, 'invoice');
      // events
      case 'GET events': {
        let all = [...this.events].reverse() as unknown as Obj[];
        const created = form['created'];
        if (typeof created === 'string') all = all.filter((e) => e['created'] === Number(created));
        else {
          const range = rec(created);
          const gt = num(range['gt']);
          const gte = num(range['gte']);
          const lt = num(range['lt']);
          const lte = num(range['lte']);
          all = all.filter((e) => {
            const at = Number(e['created']);
            return (
              (gt === undefined || at > gt) &&
              (gte === undefined || at >= gte) &&
              (lt === undefined || at < lt) &&
              (lte === undefined || at <= lte)
            );
          });
        }
        const types = arr(form['types']).map(String);
        const type = str(form['type']);
        if (types.length > 0) all = all.filter((e) => types.includes(String(e['type'])));
        if (type) all = all.filter((e) => e['type'] === type);
        return this.list(
          all,
          '/v1/events',
          Math.min(num(form['limit']) ?? 10, 100),
          str(form['starting_after']),
        );
      }
      case 'GET events/:id':
        return (
          this.events.find((e) => e.id === id) ??
          (() => {
            throw missing('event', id!);
          })()
        );
      // billing meters
      case 'GET billing/meters': {
        const status = str(form['status']);
        const all = [...this.meters.values()].reverse().filter((m) => !status || m['status'] === status);
        return this.list(all, '/v1/billing/meters', num(form['limit']) ?? 10, str(form['starting_after']));
      }
      case 'POST billing/meters': {
        const eventName = str(form['event_name']);
        if (!eventName)
          throw new StripeFault(
            400,
            'invalid_request_error',
            'Missing event_name',
            'parameter_missing',
            'event_name',
          );
        if ([...this.meters.values()].some((m) => m['event_name'] === eventName && m['status'] === 'active'))
          throw new StripeFault(
            400,
            'invalid_request_error',
            'An active meter with this event_name exists',
            'resource_already_exists',
            'event_name',
          );
        const meter = {
          id: this.id('mtr'),
          object: 'billing.meter',
          display_name: str(form['display_name']) ?? eventName,
          event_name: eventName,
          status: 'active',
          default_aggregation: { formula: str(rec(form['default_aggregation'])['formula']) ?? 'sum' },
          customer_mapping: {
            type: 'by_id',
            event_payload_key:
              str(rec(form['customer_mapping'])['event_payload_key']) ?? 'stripe_customer_id',
          },
          value_settings: {
            event_payload_key: str(rec(form['value_settings'])['event_payload_key']) ?? 'value',
          },
          created: this.nowS(),
          livemode: false,
        };
        this.meters.set(meter.id, meter);
        return meter;
      }
      case 'POST billing/meter_events': {
        const eventName = str(form['event_name']);
        const payload = metadataOf(form['payload']);
        if (!eventName || !payload['stripe_customer_id'] || payload['value'] === undefined)
          throw new StripeFault(
            400,
            'invalid_request_error',
            'Missing event_name or payload',
            'parameter_missing',
          );
        if (![...this.meters.values()].some((m) => m['event_name'] === eventName && m['status'] === 'active'))
          throw new StripeFault(
            400,
            'invalid_request_error',
            `No active meter was found for event_name '${eventName}'`,
            'resource_missing',
            'event_name',
          );
        const identifier = str(form['identifier']) ?? this.id('mev');
        if (this.meterEvents.some((e) => e['identifier'] === identifier))
          throw new StripeFault(
            400,
            'invalid_request_error',
            'An event already exists with this identifier',
            'resource_already_exists',
            'identifier',
          );
        const event = {
          object: 'billing.meter_event',
          event_name: eventName,
          identifier,
          payload,
          created: this.nowS(),
          timestamp: num(form['timestamp']) ?? this.nowS(),
          livemode: false,
        };
        this.meterEvents.push(event);
        return event;
      }
      default:
        throw new StripeFault(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
    }
  }
}
