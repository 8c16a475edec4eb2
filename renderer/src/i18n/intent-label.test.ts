import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const templates = join(__dirname, '..', '..', '..', 'assets', 'templates');
const bundle = (language: string) =>
  JSON.parse(readFileSync(join(__dirname, `${language}.json`), 'utf8')) as {
    intents?: Record<string, string>;
  };
const en = bundle('en');
const nl = bundle('nl');
const nb = bundle('nb');

/** Every intent name the built-in templates classify into. */
function templateIntents(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(templates).filter((f) => f.endsWith('.json'))) {
    const template = JSON.parse(readFileSync(join(templates, file), 'utf8')) as {
      flow?: { nodes?: { type: string; data?: { intents?: { name: string }[] } }[] };
    };
    for (const node of template.flow?.nodes ?? [])
      if (node.type === 'intent') for (const intent of node.data?.intents ?? []) names.add(intent.name);
  }
  return names;
}

describe('intent labels', () => {
  it("says every template's intent in en, nl and nb (the conversations, the Inbox and the demo show them)", () => {
    const names = [...templateIntents()];
    expect(names.length).toBeGreaterThan(50);
    for (const [language, strings] of Object.entries({ en, nl, nb })) {
      const intents = strings.intents ?? {};
      expect(
        names.filter((name) => !intents[name]),
        language,
      ).toEqual([]);
    }
    // said in the language, not copied from English
    const same = names.filter(
      (name) =>
        (nl as { intents: Record<string, string> }).intents[name] ===
        (en as { intents: Record<string, string> }).intents[name],
    );
    expect(same.length).toBeLessThan(3);
  });
});
