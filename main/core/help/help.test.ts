import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkAnchor,
  checkIds,
  errorReasons,
  languages,
  troubleshootingGroups,
  troubleshootingSlug,
} from '../../contract';
import { findAppRoot } from '../lib/app-info';
import { createHarness, expectOk, inviteAndAccept, setupOwner, type Harness } from '../testing/harness';
import { HelpLibrary } from './library';

const appRoot = findAppRoot();
const help = HelpLibrary.load(appRoot);
const catalogue = (language: string) =>
  JSON.parse(readFileSync(join(appRoot, 'renderer', 'src', 'i18n', `${language}.json`), 'utf8')) as {
    errors: { reasons: Record<string, unknown> };
  };

describe('help articles', () => {
  it('has every article in en, nl and nb, with the same section, route and anchors', () => {
    const english = help.list('en');
    expect(english.length).toBeGreaterThanOrEqual(30);
    for (const language of languages) {
      const own = help.list(language);
      expect(own.map((a) => a.slug).sort(), language).toEqual(english.map((a) => a.slug).sort());
      for (const article of english) {
        const translated = own.find((a) => a.slug === article.slug)!;
        expect(translated.section, `${language}/${article.slug}`).toBe(article.section);
        expect(translated.route, `${language}/${article.slug}`).toBe(article.route);
        expect(help.anchors(language, article.slug), `${language}/${article.slug}`).toEqual(
          help.anchors('en', article.slug),
        );
        if (language !== 'en') {
          // a real translation, not the English text copied
          expect(help.get(language, article.slug)!.markdown).not.toBe(help.get('en', article.slug)!.markdown);
        }
      }
    }
  });

  it('has getting started, FAQ, troubleshooting, shortcuts, About and the three legal templates', () => {
    const slugs = help.list('en').map((a) => a.slug);
    for (const slug of [
      'getting-started',
      'faq',
      'troubleshooting',
      'keyboard-shortcuts',
      'about',
      'terms-of-use',
      'privacy-notice',
      'data-processing-agreement',
    ])
      expect(slugs).toContain(slug);
    for (const language of languages)
      for (const slug of ['terms-of-use', 'privacy-notice', 'data-processing-agreement'])
        // templates say so, and leave the business's details as placeholders
        expect(help.get(language, slug)!.markdown).toMatch(/\[[^\]]+\]/);
  });

  it('names the real shortcuts: the palette, help, the Inbox and the designer', () => {
    const shortcuts = help.get('en', 'keyboard-shortcuts')!.markdown;
    for (const keys of ['Ctrl+K', 'F1', 'j / k', 'Ctrl+S', 'Shift+L', 'Ctrl+Enter'])
      expect(shortcuts).toContain(keys);
    for (const key of ['r', 'n', 'a', 's']) expect(shortcuts).toMatch(new RegExp(`^\\| ${key} +\\|`, 'm'));
  });
});

describe('what to do', () => {
  it('maps every error reason the app says to a troubleshooting anchor that exists in every language', () => {
    const said = new Set([
      ...errorReasons,
      // a sentence with a count exists only as its plural forms (flow_has_problems_one, _other)
      ...Object.keys(catalogue('en').errors.reasons).map((key, _i, keys) => {
        const base = key.replace(/_(one|other)$/, '');
        return base !== key && keys.includes(`${base}_other`) ? base : key;
      }),
    ]);
    for (const reason of said) {
      const target = help.troubleshootingFor(reason);
      expect(target, reason).not.toBeNull();
      for (const language of languages)
        expect(help.anchors(language, target!.slug), `${language}: ${reason}`).toContain(target!.anchor);
    }
    // and names no reason that does not exist
    const known = new Set<string>(errorReasons);
    for (const reason of Object.values(troubleshootingGroups).flat())
      expect(known.has(reason), reason).toBe(true);
  });

  it('maps every Guardian check to its own anchor', () => {
    for (const id of checkIds) {
      expect(help.troubleshootingFor(id)).toEqual({ slug: troubleshootingSlug, anchor: checkAnchor(id) });
      for (const language of languages)
        expect(help.anchors(language, troubleshootingSlug)).toContain(checkAnchor(id));
    }
  });

  it('has nothing for a reason it does not know', () => {
    expect(help.troubleshootingFor('no_such_reason')).toBeNull();
  });
});

describe('forRoute', () => {
  it("gives every route of the router an article (the page's ?)", () => {
    const routes = readFileSync(join(appRoot, 'renderer', 'src', 'router', 'routes.ts'), 'utf8');
    const block = routes.slice(routes.indexOf('export type Route ='), routes.indexOf('export type PageName'));
    const names = [...block.matchAll(/name: '([a-zA-Z]+)'/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(25);
    for (const name of names) {
      const slug = help.forRoute(name);
      expect(slug, name).not.toBeNull();
      for (const language of languages)
        expect(help.get(language, slug!), `${language}: ${name}`).not.toBeNull();
    }
    expect(help.forRoute('costs')).toBe('costs');
    expect(help.forRoute('agent')).toBe('designer');
    expect(help.forRoute('nonsense')).toBeNull();
    // the page's hash path does as well (the assistant knows the page by its path)
    expect(help.forRoute('runs/costs')).toBe('costs');
    expect(help.forRoute('#/agents/0190c4e2')).toBe('designer');
    expect(help.forRoute('api-keys')).toBe('api-keys');
    expect(help.forRoute('export')).toBe('data-export');
    expect(help.forRoute('')).toBe('dashboard');
    expect(help.forRoute('incidents/escalation')).toBe('incidents');
    expect(help.forRoute('conversations?agent=1')).toBe('conversations');
  });
});

describe('search', () => {
  const slugs = (language: 'en' | 'nl' | 'nb', q: string) =>
    help.search(language, q, 5).map((hit) => hit.slug);

  it('finds by words in any order', () => {
    expect(slugs('en', 'restore backup')[0]).toBe('backups');
    expect(slugs('en', 'backup restore')[0]).toBe('backups');
  });

  it('finds by the start of a word, and with a typo', () => {
    expect(slugs('en', 'shortc')).toContain('keyboard-shortcuts');
    expect(slugs('en', 'knowlege import')).toContain('knowledge');
  });

  it('finds in Dutch and Norwegian', () => {
    expect(slugs('nl', 'back-up terugzetten')[0]).toBe('backups');
    expect(slugs('nl', 'terugzetten back-up')[0]).toBe('backups');
    expect(slugs('nl', 'sneltoets')).toContain('keyboard-shortcuts');
    expect(slugs('nb', 'gjenopprette sikkerhetskopi')[0]).toBe('backups');
    expect(slugs('nb', 'hurtigtast')).toContain('keyboard-shortcuts');
    expect(slugs('nb', 'personvern')).toContain('privacy-notice');
  });

  it('answers with a snippet and the anchor of the part that matched', () => {
    const [hit] = help.search('en', 'quiet hours', 1);
    expect(hit).toMatchObject({ slug: 'notifications', anchor: 'quiet-hours' });
    expect(hit!.snippet).toMatch(/SEV1/);
    expect(help.search('en', '   ', 5)).toEqual([]);
    expect(help.search('en', 'zzqx', 5)).toEqual([]);
  });
});

describe('help methods', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness();
  });
  afterAll(() => h.close());

  it('lists and gets articles for anyone signed in, and refuses an unknown one', async () => {
    const owner = await setupOwner(h.core, 'Sykkelverksted Nord', 'owner@shop.test');
    const viewer = await inviteAndAccept(h.core, owner, 'vera@shop.test', 'viewer');
    const list = await expectOk(h.core, 'help.list', { language: 'nb' }, viewer.call);
    expect(list.articles.find((a) => a.slug === 'backups')?.title).toBe('Sikkerhetskopier');
    const article = await expectOk(
      h.core,
      'help.get',
      { slug: 'troubleshooting', language: 'nl' },
      viewer.call,
    );
    expect(article.markdown).toContain('{#check-disk}');
    const missing = await h.core.dispatch('help.get', { slug: 'nope', language: 'en' }, viewer.call);
    expect(missing.ok || missing.error.code).toBe('NOT_FOUND');
    const signedOut = await h.core.dispatch('help.list', { language: 'en' }, { transport: 'http' });
    expect(signedOut.ok || signedOut.error.code).toBe('UNAUTHENTICATED');

    // About: the data folder for admins and owners only
    const ownAbout = await expectOk(h.core, 'help.about', {}, owner.call);
    expect(ownAbout.dataDir).toBe(h.dataDir);
    expect(ownAbout.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(ownAbout.secretStore.store).toBe('file');
    const admin = await inviteAndAccept(h.core, owner, 'adam@shop.test', 'admin');
    expect((await expectOk(h.core, 'help.about', {}, admin.call)).dataDir).toBe(h.dataDir);
    const operator = await inviteAndAccept(h.core, owner, 'otto@shop.test', 'operator');
    for (const person of [operator, viewer]) {
      const about = await expectOk(h.core, 'help.about', {}, person.call);
      expect(about.dataDir).toBeNull();
      expect(JSON.stringify(about)).not.toContain(h.dataDir);
    }
  });
});
