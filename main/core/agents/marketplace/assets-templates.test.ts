import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flowSchema, languages, templateCategories, type TemplateFile } from '../../../contract';
import { detectLanguage } from '../../lib/language';
import { validateFlow } from '../flow';
import { loadTemplates } from '.';
import { OfflineKnowledge, runOffline } from './testing/offline-run';
import { expectedPhrase, sampleVariables } from './testing/sample-business';
import { businessDetails } from '../../../contract';
import { businessDetailsUsed, businessNamesIn, fillBusinessDetails } from './business-details';

/** The templates shipped in assets/templates, checked as a user of the marketplace would rely on them. */
const root = join(__dirname, '../../../..');
const templates = loadTemplates(join(root, 'assets/templates'));
const byId = templates.map((template) => [template.id, template] as const);

const lucideTypes = join(root, 'node_modules/lucide-react/dist/lucide-react.d.ts');
const lucide = existsSync(lucideTypes) ? readFileSync(lucideTypes, 'utf8') : null;

function intentNodes(template: TemplateFile) {
  return template.flow.nodes.flatMap((node) => (node.type === 'intent' ? [node] : []));
}

describe('assets/templates', () => {
  it('ships at least 24 templates, at least 2 in every category, with unique ids', () => {
    expect(templates.length).toBeGreaterThanOrEqual(24);
    for (const category of templateCategories) {
      expect(templates.filter((t) => t.category === category).length, category).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
  });

  it.each(byId)('%s: names, descriptions and tags in every language, a lucide icon', (_id, template) => {
    for (const language of languages) {
      expect(template.name[language].trim().length, `name.${language}`).toBeGreaterThan(3);
      expect(template.description[language].trim().length, `description.${language}`).toBeGreaterThan(40);
    }
    expect(template.tags.length).toBeGreaterThanOrEqual(3);
    expect(template.icon).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    if (lucide) expect(lucide, `lucide icon ${template.icon}`).toContain(`declare const ${template.icon}:`);
  });

  it.each(byId)('%s: a valid flow without errors, laid out top to bottom', (_id, template) => {
    expect(flowSchema.parse(template.flow)).toEqual(template.flow);
    const problems = validateFlow(template.flow, {
      isModelAvailable: () => true,
      defaultModel: { providerId: 'local', model: 'mindframe-local' },
    });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);

    const triggers = template.flow.nodes.filter((n) => n.type === 'trigger' && n.data.kind === 'chat');
    expect(triggers).toHaveLength(1);
    expect(template.flow.nodes.some((n) => n.type === 'http')).toBe(false);
    const positions = new Set(template.flow.nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(positions.size).toBe(template.flow.nodes.length);
    const nodes = new Map(template.flow.nodes.map((n) => [n.id, n]));
    for (const edge of template.flow.edges) {
      expect(nodes.get(edge.target)!.position.y, edge.id).toBeGreaterThan(nodes.get(edge.source)!.position.y);
    }
  });

  it.each(byId)(
    '%s: intents with examples in all three languages and a way out for each',
    (_id, template) => {
      const routers = intentNodes(template);
      expect(routers.length).toBeGreaterThanOrEqual(1);
      for (const router of routers) {
        expect(router.data.intents.length).toBeGreaterThanOrEqual(2);
        const handles = new Set(
          template.flow.edges.filter((e) => e.source === router.id).map((e) => e.sourceHandle),
        );
        expect(handles.has('fallback')).toBe(true);
        for (const intent of router.data.intents) {
          expect(handles.has(intent.name), intent.name).toBe(true);
          const perLanguage = { en: 0, nl: 0, nb: 0 };
          for (const example of intent.examples) {
            const language = detectLanguage(example);
            if (language) perLanguage[language] += 1;
          }
          for (const language of languages)
            expect(perLanguage[language], `${intent.name} ${language}`).toBeGreaterThanOrEqual(3);
        }
      }
    },
  );

  it.each(byId)('%s: llm prompts use the offline model’s markers', (_id, template) => {
    for (const node of template.flow.nodes) {
      if (node.type !== 'llm') continue;
      expect(node.data.prompt, node.id).toContain('Question:\n{{message}}');
      expect(/^(Context:|Reply:)/m.test(node.data.prompt), node.id).toBe(true);
    }
  });

  it.each(byId)(
    '%s: 3–8 knowledge documents and a 3–6 turn test conversation in all languages',
    (_id, template) => {
      expect(template.knowledge.length).toBeGreaterThanOrEqual(3);
      expect(template.knowledge.length).toBeLessThanOrEqual(8);
      for (const doc of template.knowledge) {
        expect(doc.title.trim()).not.toBe('');
        expect(doc.body.trim().length).toBeGreaterThan(40);
      }
      const turns = template.testConversation;
      expect(turns.length).toBeGreaterThanOrEqual(3);
      expect(turns.length).toBeLessThanOrEqual(6);
      expect(new Set(turns.map((t) => t.language))).toEqual(new Set(languages));
      const names = new Set(intentNodes(template).flatMap((n) => n.data.intents.map((i) => i.name)));
      for (const turn of turns) {
        if (turn.expectIntent && turn.expectIntent !== 'fallback') expect(names).toContain(turn.expectIntent);
        expect(turn.expectIntent !== undefined || turn.expectReplyContains.length > 0).toBe(true);
        const detected = detectLanguage(turn.user);
        if (detected) expect(detected, turn.user).toBe(turn.language);
      }
    },
  );

  it.each(byId)(
    "%s: the business's own details as {{business.*}}, no example business left behind",
    (_id, template) => {
      const text = JSON.stringify([template.flow, template.knowledge, template.testConversation]);
      // the example businesses the templates answered as before issue 14
      for (const old of [
        'Pedal & Co',
        'pedalco',
        '030 123 45 67',
        'Autoservice Veldhuis',
        'veldhuis.example',
        'Smile Studio',
        'smilestudio.example',
        '010 222 33 44',
        'Studio Lokk',
        '040 123 98 76',
        'Brasserie De Linde',
        '023 531 00 00',
        'Café Zuid',
        'cafezuid',
        'Dry Feet Plumbing',
        'dryfeet.example',
        '0800 123 123',
        'Hygge Home',
        'hyggehome.example',
      ])
        expect(text, old).not.toContain(old);
      const names = businessNamesIn([text]);
      for (const name of names) expect(businessDetails, name).toContain(name);
      expect(businessDetailsUsed(template)).toEqual(businessDetails.filter((d) => names.includes(d)));
      expect(businessDetailsUsed(template)).toContain('name');
    },
  );

  it('the bike template uses the name, opening hours, phone and booking link, derived from its text', () => {
    const bike = templates.find((t) => t.id === 'bike-shop-repairs')!;
    expect(businessDetailsUsed(bike)).toEqual(['name', 'phone', 'openingHours', 'bookingLink']);
  });

  describe('test conversations hold offline (intent classifier, FTS5 knowledge search, Mindframe Local)', () => {
    const stores: OfflineKnowledge[] = [];
    afterAll(() => stores.forEach((store) => store.close()));

    it.each(byId)('%s', async (id, template) => {
      // the sample business's details written into the documents, as agents.create does
      const knowledge = new OfflineKnowledge(
        template.knowledge.map((doc) => {
          const values = sampleVariables(id, detectLanguage(doc.body) ?? 'en');
          return {
            title: fillBusinessDetails(doc.title, values),
            body: fillBusinessDetails(doc.body, values),
          };
        }),
      );
      stores.push(knowledge);
      for (const turn of template.testConversation) {
        const business = sampleVariables(id, detectLanguage(turn.user) ?? 'en');
        const run = await runOffline(template, turn.user, knowledge, business);
        if (turn.expectIntent) expect(run.intent?.name, turn.user).toBe(turn.expectIntent);
        const replies = run.replies.join('\n').toLowerCase();
        expect(replies, turn.user).not.toContain('{{');
        for (const phrase of turn.expectReplyContains) {
          const expected = expectedPhrase(phrase, id, turn.language).toLowerCase();
          expect(expected, phrase).not.toBe('');
          expect(replies, `${turn.user} → ${run.replies.join(' | ')}`).toContain(expected);
        }
        expect(run.replies.length, turn.user).toBeGreaterThan(0);
      }
    });
  });
});
