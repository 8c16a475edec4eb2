import type Database from 'better-sqlite3';
import {
  businessProfileSchema,
  type BusinessDetail,
  type BusinessProfile,
  type Currency,
  type Language,
  type ProfileAnswer,
} from '../../contract';
import type { Clock } from '../lib/clock';
import { businessVariables } from './business-text';

/** A profile nobody has filled in yet: every detail empty. */
export const emptyProfile: BusinessProfile = businessProfileSchema.parse({});

/** The details of a profile that say something real (what {{business.<detail>}} is filled with). */
export function filledDetails(profile: BusinessProfile, currencySet: boolean): BusinessDetail[] {
  const { address } = profile;
  const filled: Record<BusinessDetail, boolean> = {
    name: profile.name !== '',
    description: profile.description !== '',
    website: profile.website !== '',
    phone: profile.phone !== '',
    email: profile.email !== '',
    address: address.street !== '' || address.city !== '',
    openingHours: profile.openingHours !== null,
    holidays: profile.holidays.length > 0,
    bookingLink: profile.bookingLink !== '',
    languages: profile.languages.length > 0,
    timeZone: profile.timeZone !== '',
    currency: currencySet,
  };
  return (Object.keys(filled) as BusinessDetail[]).filter((detail) => filled[detail]);
}

export interface ProfileServiceDeps {
  sqlite: Database.Database;
  clock: Clock;
  /** The organisation's currency, as the tenants domain keeps it (tenants.money); setAt null while never chosen. */
  money(tenantId: string): { currency: Currency; setAt: number | null };
}

interface Row {
  profile: string;
  updated_at: number;
}

/**
 * The business's own details: one JSON document per tenant (business_profiles). Read by the profile
 * page and by every agent run ({{business.*}}), written by an admin.
 */
export class ProfileService {
  private readonly read: Database.Statement<{ tenantId: string }, Row>;
  private readonly write: Database.Statement<{
    tenantId: string;
    profile: string;
    updatedBy: string | null;
    updatedAt: number;
  }>;

  constructor(private readonly deps: ProfileServiceDeps) {
    this.read = deps.sqlite.prepare(
      'SELECT profile, updated_at FROM business_profiles WHERE tenant_id = @tenantId',
    );
    this.write = deps.sqlite.prepare(
      `INSERT INTO business_profiles (tenant_id, profile, updated_by, updated_at)
       VALUES (@tenantId, @profile, @updatedBy, @updatedAt)
       ON CONFLICT (tenant_id) DO UPDATE SET profile = excluded.profile,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    );
  }

  /** The stored profile (empty when none, or when what is stored no longer reads: an import of another shape). */
  profileOf(tenantId: string): { profile: BusinessProfile; updatedAt: number | null } {
    const row = this.read.get({ tenantId });
    if (!row) return { profile: emptyProfile, updatedAt: null };
    let value: unknown;
    try {
      value = JSON.parse(row.profile);
    } catch {
      return { profile: emptyProfile, updatedAt: row.updated_at };
    }
    const parsed = businessProfileSchema.safeParse(value);
    return { profile: parsed.success ? parsed.data : emptyProfile, updatedAt: row.updated_at };
  }

  get(tenantId: string): ProfileAnswer {
    const { profile, updatedAt } = this.profileOf(tenantId);
    const money = this.deps.money(tenantId);
    return {
      profile,
      currency: money.currency,
      filled: filledDetails(profile, money.setAt !== null),
      updatedAt,
    };
  }

  save(tenantId: string, profile: BusinessProfile, by: string | null): ProfileAnswer {
    this.write.run({
      tenantId,
      profile: JSON.stringify(profile),
      updatedBy: by,
      updatedAt: this.deps.clock.now(),
    });
    return this.get(tenantId);
  }

  /** The business's details as flow variables ({{business.phone}} ...), said in `language`. */
  variables(tenantId: string, language: Language): Record<BusinessDetail, string> {
    const { profile } = this.profileOf(tenantId);
    return businessVariables(profile, this.deps.money(tenantId).currency, language);
  }
}
