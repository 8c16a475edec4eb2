import type { FastifyInstance } from 'fastify';
import type { Core } from '../core';

/** Where Stripe delivers its events (the served mode; the desktop polls instead). */
export const stripeWebhookPath = '/api/webhooks/stripe';

/**
 * `POST /api/webhooks/stripe`: Stripe's events, verified on the RAW body (a parsed and re-serialised
 * body would not match the signature), so this route has its own content-type parser that keeps the
 * bytes. The answer carries no detail: 200, 400 (bad or missing signature, no secret set), or 503 (the
 * event could not be read back from Stripe now: Stripe delivers it again). The body is never logged.
 */
export async function registerStripeWebhook(app: FastifyInstance, core: Core): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => {
      done(null, body);
    });
    scope.post(stripeWebhookPath, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['stripe-signature'];
      const signature = typeof header === 'string' ? header : undefined;
      const status = await core.stripeWebhook(raw, signature, request.ip);
      return reply
        .status(status)
        .header('cache-control', 'no-store')
        .send(status === 200 ? { received: true } : { received: false });
    });
  });
}
