import { like } from 'drizzle-orm';
import { schema, type AppDb } from '../../../db';

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'org';
}

/** A slug not yet taken: "acme", then "acme-2", "acme-3" ... */
export function uniqueSlug(db: AppDb, name: string): string {
  const base = slugify(name);
  const taken = new Set(
    db
      .select({ slug: schema.tenants.slug })
      .from(schema.tenants)
      .where(like(schema.tenants.slug, `${base}%`))
      .all()
      .map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
