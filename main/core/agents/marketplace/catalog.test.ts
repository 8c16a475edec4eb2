import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTemplates, TemplateCatalog, TemplateLoadError } from '.';

const assets = join(__dirname, '../../../../assets/templates');
const catalog = new TemplateCatalog(loadTemplates(assets));

let scratch: string | null = null;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

function folderWith(files: Record<string, unknown>): string {
  scratch = mkdtempSync(join(tmpdir(), 'mf-templates-'));
  mkdirSync(scratch, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(scratch, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return scratch;
}

const bike = JSON.parse(readFileSync(join(assets, 'bike-shop-repairs.json'), 'utf8')) as Record<
  string,
  unknown
>;

describe('loadTemplates', () => {
  it('loads valid files and ignores other files', () => {
    const dir = folderWith({ 'bike-shop-repairs.json': bike, 'README.md': '# notes' });
    expect(loadTemplates(dir).map((t) => t.id)).toEqual(['bike-shop-repairs']);
  });

  it('names the file that is not JSON', () => {
    const dir = folderWith({ 'bike-shop-repairs.json': bike, 'broken.json': '{ "id": ' });
    expect(() => loadTemplates(dir)).toThrow(TemplateLoadError);
    expect(() => loadTemplates(dir)).toThrow(/broken\.json: is not valid JSON/);
  });

  it('names the file and the field that breaks the schema', () => {
    const dir = folderWith({ 'bike-shop-repairs.json': { ...bike, category: 'gardening' } });
    expect(() => loadTemplates(dir)).toThrow(/bike-shop-repairs\.json: category/);
  });

  it('refuses a file not named after its id, and a folder that cannot be read', () => {
    const dir = folderWith({ 'bikes.json': bike });
    expect(() => loadTemplates(dir)).toThrow(/bikes\.json: its id is "bike-shop-repairs"/);
    expect(() => loadTemplates(join(dir, 'missing'))).toThrow(/cannot read the templates folder/);
  });
});

describe('TemplateCatalog', () => {
  it('lists every template by category, filters by category and by words', () => {
    expect(catalog.list().length).toBe(catalog.size);
    const hr = catalog.list({ category: 'hr' });
    expect(hr.length).toBeGreaterThanOrEqual(2);
    expect(hr.every((t) => t.category === 'hr')).toBe(true);
    expect(catalog.list({ q: 'fiets' })[0]?.id).toBe('bike-shop-repairs');
    expect(catalog.list({ q: 'fiets', category: 'finance' })).toEqual([]);
    expect(catalog.list({ q: 'zzzqqq' })).toEqual([]);
  });

  it('gets a template by id', () => {
    expect(catalog.get('bike-shop-repairs')?.name.en).toMatch(/Bike shop/);
    expect(catalog.get('nope')).toBeUndefined();
  });

  it.each([
    ['I run a bike shop and want to answer questions about repairs and book appointments', 'en'],
    ['Ik heb een fietsenwinkel en wil vragen over reparaties beantwoorden en afspraken inplannen', 'nl'],
    ['Jeg driver en sykkelbutikk og vil svare på spørsmål om reparasjoner og booke timer', 'nb'],
  ] as const)('ranks the bike shop first for "%s"', (need, language) => {
    for (const hint of [language, 'en', undefined] as const) {
      const matches = catalog.match(need, hint);
      expect(matches[0]?.template.id).toBe('bike-shop-repairs');
      expect(matches[0]?.score).toBe(1);
      expect(matches[1]?.score ?? 0).toBeLessThan(0.6);
    }
    const [best] = catalog.match(need, language);
    expect(best?.matchedTerms.length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['We are a dental clinic and patients need to book appointments', 'dental-appointments'],
    ['restaurant table bookings', 'restaurant-reservations'],
    ['help my employees request vacation days', 'hr-leave-requests'],
    ['ik wil dat klanten hun pakket kunnen volgen en retourneren', 'webshop-orders-returns'],
    ['jeg vil ha hjelp med nyhetsbrev og kampanjer', 'newsletter-campaign-ideas'],
    ['approve expense claims from staff', 'expense-approval'],
    ['emergency plumbing calls', 'plumber-emergency-triage'],
    ['hotell gjester spør om frokost og parkering', 'hotel-concierge'],
    ['reply to reviews on instagram', 'social-media-replies'],
    ['wij zijn een kapsalon', 'hair-salon-booking'],
  ])('"%s" → %s', (need, id) => {
    expect(catalog.match(need)[0]?.template.id).toBe(id);
  });

  it('scores relative to the best match and returns nothing for an unrelated need', () => {
    const matches = catalog.match('bike repairs');
    for (let i = 1; i < matches.length; i++) {
      expect(matches[i]!.score).toBeLessThanOrEqual(matches[i - 1]!.score);
      expect(matches[i]!.score).toBeGreaterThan(0);
    }
    expect(catalog.match('xyzzy plugh')).toEqual([]);
  });
});
