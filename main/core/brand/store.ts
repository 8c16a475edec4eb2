import type Database from 'better-sqlite3';
import { z } from 'zod';
import { defaultPrimaryColor, defaultProductName, type Brand, type BrandInput } from '../../contract';
import { readLogo, type BrandLogo } from './logo';

/** Stored installation-wide (not per tenant) in app_meta. */
const storeKey = 'brand';

const storedSchema = z.object({
  productName: z.string().min(1).max(40),
  logo: z.string().nullable(),
  primaryColor: z.string().regex(/^#[0-9a-f]{6}$/),
  supportEmail: z.string().nullable(),
  mailFromName: z.string().nullable(),
  mailFromAddress: z.string().nullable(),
});
type StoredBrand = z.infer<typeof storedSchema>;

export const defaultBrand: Brand = {
  productName: defaultProductName,
  logo: null,
  primaryColor: defaultPrimaryColor,
  supportEmail: null,
  mailFromName: null,
  mailFromAddress: null,
  isDefault: true,
};

/**
 * What the e-mails take from the brand: the name, colour, logo (as bytes, for an inline image),
 * support address and sender. Null fields: the e-mail keeps its own.
 */
export interface MailBrand {
  productName: string;
  primaryColor: string;
  logo: BrandLogo | null;
  supportEmail: string | null;
  mailFromName: string | null;
  mailFromAddress: string | null;
}

/**
 * The installation's brand (white label, issue 16): one JSON row in app_meta, read once and kept.
 * Listeners hear every change (the event to open apps).
 */
export class BrandStore {
  private readonly read;
  private readonly write;
  private readonly remove;
  private cached: Brand | null = null;
  private cachedMail: MailBrand | null = null;
  private readonly listeners = new Set<(brand: Brand) => void>();

  constructor(sqlite: Database.Database) {
    this.read = sqlite.prepare<{ key: string }, { value: string }>(
      'SELECT value FROM app_meta WHERE key = @key',
    );
    this.write = sqlite.prepare<{ key: string; value: string }>(
      'INSERT INTO app_meta (key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.remove = sqlite.prepare<{ key: string }>('DELETE FROM app_meta WHERE key = @key');
  }

  /** Forgets what it read (the data was replaced by a restore); listeners hear the brand now stored. */
  reload(): void {
    this.cached = null;
    this.cachedMail = null;
    const brand = this.get();
    for (const listener of this.listeners) listener(brand);
  }

  get(): Brand {
    if (this.cached) return this.cached;
    let brand = defaultBrand;
    const row = this.read.get({ key: storeKey });
    if (row) {
      try {
        const parsed = storedSchema.safeParse(JSON.parse(row.value));
        // a logo that no longer reads is dropped, the rest of the brand stays
        if (parsed.success)
          brand = {
            ...parsed.data,
            logo:
              parsed.data.logo && typeof readLogo(parsed.data.logo) === 'object' ? parsed.data.logo : null,
            isDefault: false,
          };
      } catch {
        // an unreadable row is treated as never set: the product's own brand
      }
    }
    this.cached = brand;
    return brand;
  }

  /** The brand as the e-mails use it; null while nothing was set (the e-mails keep their own). */
  forMail(): MailBrand | null {
    const brand = this.get();
    if (brand.isDefault) return null;
    if (this.cachedMail) return this.cachedMail;
    const logo = brand.logo ? readLogo(brand.logo) : null;
    this.cachedMail = {
      productName: brand.productName,
      primaryColor: brand.primaryColor,
      logo: logo && typeof logo === 'object' ? logo : null,
      supportEmail: brand.supportEmail,
      mailFromName: brand.mailFromName,
      mailFromAddress: brand.mailFromAddress,
    };
    return this.cachedMail;
  }

  /** Stores a brand the handler checked (the logo's bytes included). */
  save(input: BrandInput): Brand {
    const stored: StoredBrand = storedSchema.parse({
      productName: input.productName,
      logo: input.logo,
      primaryColor: input.primaryColor,
      supportEmail: input.supportEmail,
      mailFromName: input.mailFromName,
      mailFromAddress: input.mailFromAddress,
    });
    this.write.run({ key: storeKey, value: JSON.stringify(stored) });
    return this.changed();
  }

  reset(): Brand {
    this.remove.run({ key: storeKey });
    return this.changed();
  }

  onChange(listener: (brand: Brand) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): Brand {
    this.cached = null;
    this.cachedMail = null;
    const brand = this.get();
    for (const listener of this.listeners) listener(brand);
    return brand;
  }
}
