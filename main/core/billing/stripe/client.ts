import Stripe from 'stripe';
import type { ErrorReason } from '../../../contract';
import { AppError } from '../../lib/errors';
import type { SecretStore } from '../../secrets/secret-store';
import { stripeSecretKeyName, type StoredBillingSettings } from '../settings-store';

/** The environment variable that points the SDK at a Stripe-compatible server (tests, a proxy). */
export const stripeApiUrlVariable = 'MINDFRAME_STRIPE_API_URL';

/** A Stripe secret or restricted key, live or test (never logged, never shown). */
const keyPattern = /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/;
export const webhookSecretPattern = /^whsec_[A-Za-z0-9+/=_-]{8,}$/;

export const isStripeKey = (key: string): boolean => keyPattern.test(key);
/** sk_test_ / rk_test_ keys talk to Stripe's test mode: shown as such everywhere. */
export const isTestKey = (key: string): boolean => /^(sk|rk)_test_/.test(key);
/** "rk_test_…4242": the key's kind and its last four characters, never more. */
export const keyHintOf = (key: string): string => `${key.slice(0, key.indexOf('_', 3) + 1)}…${key.slice(-4)}`;

/** An http(s) URL the SDK may talk to instead of api.stripe.com, or null when it is none. */
export function parseApiUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.username || parsed.password) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** Where the SDK talks to: MINDFRAME_STRIPE_API_URL, else the admin's setting; null: Stripe itself. */
export function effectiveApiUrl(settings: Pick<StoredBillingSettings, 'apiUrl'>): string | null {
  const fromEnvironment = process.env[stripeApiUrlVariable]?.trim();
  if (fromEnvironment) return fromEnvironment;
  return settings.apiUrl.trim() || null;
}

/** Short timeouts and a couple of retries: an unreachable Stripe never holds a call for long. */
const requestTimeoutMs = 15_000;
const networkRetries = 2;

/** A Stripe SDK client for a key, pointed at `apiUrl` when one is set (host, port and protocol). */
export function createStripeClient(key: string, apiUrl: string | null): Stripe {
  const config: ConstructorParameters<typeof Stripe>[1] = {
    timeout: requestTimeoutMs,
    maxNetworkRetries: networkRetries,
    telemetry: false,
    appInfo: { name: 'Mindframe Control Center' },
  };
  if (apiUrl) {
    const url = parseApiUrl(apiUrl);
    if (!url)
      throw new AppError('VALIDATION', 'The Stripe API address must be an http(s) URL.', {
        reason: 'stripe_api_url_invalid',
        field: 'apiUrl',
      });
    config.host = url.hostname;
    config.protocol = url.protocol === 'http:' ? 'http' : 'https';
    config.port = url.port || (url.protocol === 'http:' ? '80' : '443');
  }
  return new Stripe(key, config);
}

/**
 * The installation's Stripe client: built from the key in the SecretStore and the API address,
 * and rebuilt only when either changes. `null` when no key is kept.
 */
export class StripeClients {
  private cached: { key: string; apiUrl: string | null; client: Stripe } | null = null;

  constructor(
    private readonly secrets: SecretStore,
    private readonly settings: () => StoredBillingSettings,
  ) {}

  key(): string | null {
    try {
      return this.secrets.get(stripeSecretKeyName);
    } catch {
      return null;
    }
  }

  /** The client, or null when Stripe is not connected. */
  current(): Stripe | null {
    const key = this.key();
    if (!key) return null;
    const apiUrl = effectiveApiUrl(this.settings());
    if (this.cached && this.cached.key === key && this.cached.apiUrl === apiUrl) return this.cached.client;
    const client = createStripeClient(key, apiUrl);
    this.cached = { key, apiUrl, client };
    return client;
  }

  /** The client, or a refusal saying Stripe is not connected. */
  require(): Stripe {
    const client = this.current();
    if (!client)
      throw new AppError('CONFLICT', 'Stripe is not connected: the platform admin adds a key first.', {
        reason: 'stripe_not_connected',
      });
    return client;
  }
}

/** What went wrong talking to Stripe, as a reason the UI says (Stripe's own message is never shown). */
export function stripeErrorReason(error: unknown): ErrorReason {
  if (error instanceof AppError && error.extra.reason) return error.extra.reason;
  if (error instanceof Stripe.errors.StripeAuthenticationError) return 'stripe_key_invalid';
  if (error instanceof Stripe.errors.StripePermissionError) return 'stripe_key_permission';
  if (error instanceof Stripe.errors.StripeConnectionError) return 'stripe_unreachable';
  if (error instanceof Stripe.errors.StripeRateLimitError) return 'stripe_unreachable';
  if (error instanceof Stripe.errors.StripeAPIError) return 'stripe_unreachable';
  if (error instanceof Stripe.errors.StripeError) {
    if (error.statusCode === 401) return 'stripe_key_invalid';
    if (error.statusCode === 403) return 'stripe_key_permission';
    if (error.statusCode === undefined || error.statusCode >= 500) return 'stripe_unreachable';
    return 'stripe_refused';
  }
  return 'stripe_unreachable';
}

/** What may be logged of a Stripe error: its type, code and status, never its message or the request. */
export function stripeErrorLog(error: unknown): Record<string, unknown> {
  if (error instanceof Stripe.errors.StripeError)
    return { stripeType: error.type, stripeCode: error.code ?? null, status: error.statusCode ?? null };
  if (error instanceof AppError) return { reason: error.extra.reason ?? null };
  return { error: error instanceof Error ? error.name : 'unknown' };
}

/** A Stripe failure as a refusal the caller understands: unreachable → UNAVAILABLE, the rest → CONFLICT. */
export function stripeRefusal(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const reason = stripeErrorReason(error);
  if (reason === 'stripe_unreachable')
    return new AppError('UNAVAILABLE', 'Stripe could not be reached. Try again in a moment.', { reason });
  if (reason === 'stripe_key_invalid')
    return new AppError('CONFLICT', 'Stripe did not accept the key.', { reason, field: 'secretKey' });
  if (reason === 'stripe_key_permission')
    return new AppError('CONFLICT', 'The Stripe key lacks a permission this needs.', { reason });
  return new AppError('CONFLICT', 'Stripe refused the request.', { reason });
}
