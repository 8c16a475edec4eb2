import type Database from 'better-sqlite3';
import { z } from 'zod';
import { currencies, downgradeTimings, prorationPolicies } from '../../contract';

/** Stored installation-wide (not per tenant) in app_meta. The Stripe keys live in the SecretStore. */
const storeKey = 'billing.settings';

/** Secret names in the SecretStore (installation-wide). */
export const stripeSecretKeyName = 'billing.stripe.secretKey';
export const stripeWebhookSecretName = 'billing.stripe.webhookSecret';

const storedSchema = z.object({
  enabled: z.boolean(),
  currency: z.enum(currencies),
  defaultPlan: z.string(),
  fallbackPlan: z.string(),
  graceDays: z.number().int().min(0).max(90),
  proration: z.enum(prorationPolicies),
  downgradeTiming: z.enum(downgradeTimings),
  pollSeconds: z.number().int().min(60).max(86_400),
  /** A Stripe-compatible API base set by the admin ('' or absent: Stripe itself). */
  apiUrl: z.string(),
  /** The connected account's name and the key's hint, kept when the key was tested. */
  accountName: z.string().nullable(),
  keyHint: z.string().nullable(),
  testMode: z.boolean(),
  /** Seconds (Stripe's `created`) of the newest event read, for polling. */
  lastEventCreated: z.number().int().nullable(),
  lastEventAt: z.number().int().nullable(),
  lastErrorReason: z.string().nullable(),
});
export type StoredBillingSettings = z.infer<typeof storedSchema>;

export const defaultBillingSettings: StoredBillingSettings = {
  enabled: false,
  currency: 'EUR',
  defaultPlan: 'own_use',
  fallbackPlan: 'own_use',
  graceDays: 7,
  proration: 'create_prorations',
  downgradeTiming: 'period_end',
  pollSeconds: 300,
  apiUrl: '',
  accountName: null,
  keyHint: null,
  testMode: false,
  lastEventCreated: null,
  lastEventAt: null,
  lastErrorReason: null,
};

/**
 * The installation's billing settings (issue 16): on or off, currency, default and fallback plans,
 * grace days, proration and downgrade policy, polling, and what is known of the Stripe connection.
 * Listeners hear every change (the entitlements cache drops what depends on the grace and fallback).
 */
export class BillingSettingsStore {
  private readonly read;
  private readonly write;
  private cached: StoredBillingSettings | null = null;
  private readonly listeners = new Set<(settings: StoredBillingSettings) => void>();

  constructor(sqlite: Database.Database) {
    this.read = sqlite.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?');
    this.write = sqlite.prepare<[string, string]>(
      'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  get(): StoredBillingSettings {
    if (this.cached) return this.cached;
    const row = this.read.get(storeKey);
    let settings = { ...defaultBillingSettings };
    if (row) {
      try {
        const parsed = storedSchema.partial().safeParse(JSON.parse(row.value));
        if (parsed.success) settings = { ...settings, ...parsed.data };
      } catch {
        // an unreadable row is treated as never set: billing stays off, nobody is locked out
      }
    }
    this.cached = settings;
    return settings;
  }

  /** Forgets what it read (the data was replaced by a restore); listeners hear the settings now stored. */
  reload(): StoredBillingSettings {
    this.cached = null;
    const settings = this.get();
    for (const listener of this.listeners) listener(settings);
    return settings;
  }

  update(change: Partial<StoredBillingSettings>): StoredBillingSettings {
    const next = storedSchema.parse({ ...this.get(), ...change });
    this.write.run(storeKey, JSON.stringify(next));
    this.cached = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: StoredBillingSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
