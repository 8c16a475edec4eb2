import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  languages,
  templateCategories,
  templateFileSchema,
  type Language,
  type TemplateCategory,
  type TemplateFile,
} from '../../../contract';
import { Bm25Index, type FieldText } from '../../lib/search';

/** A template file that cannot be used; the message names the file and what is wrong in it. */
export class TemplateLoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`Template ${file}: ${message}`);
    this.name = 'TemplateLoadError';
  }
}

/**
 * Reads every `*.json` in `dir` (in name order) as a marketplace template. Each must satisfy
 * `templateFileSchema`, be named after its id (`<id>.json`) and have an id no other file has. Throws a
 * TemplateLoadError naming the first broken file: a broken template is a packaging mistake, caught by
 * the test over assets/templates, and never shown half-loaded.
 */
export function loadTemplates(dir: string): TemplateFile[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    throw new TemplateLoadError(dir, `cannot read the templates folder (${(error as Error).message})`);
  }
  const seen = new Map<string, string>();
  return files.map((file) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      throw new TemplateLoadError(file, `is not valid JSON (${(error as Error).message})`);
    }
    const parsed = templateFileSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
        .join('; ');
      throw new TemplateLoadError(file, issues);
    }
    const template = parsed.data;
    if (basename(file, '.json') !== template.id) {
      throw new TemplateLoadError(
        file,
        `its id is "${template.id}"; the file must be named ${template.id}.json`,
      );
    }
    const other = seen.get(template.id);
    if (other) throw new TemplateLoadError(file, `id "${template.id}" is already used by ${other}`);
    seen.set(template.id, file);
    return template;
  });
}

export interface TemplateMatch {
  template: TemplateFile;
  /** 0–1, relative to the best match (the best scores 1). */
  score: number;
  /** Words of the need (lower case) that the template matched on. */
  matchedTerms: string[];
}

type Field = 'name' | 'tags' | 'description' | 'intents' | 'knowledge';

/** How much a match in each part of a template counts (BM25F field weights). */
export const matchWeights: Record<Field, number> = {
  name: 3,
  tags: 2.5,
  description: 1.5,
  intents: 0.8,
  knowledge: 0.6,
};

function localized(text: Record<Language, string>): FieldText[] {
  return languages.map((language) => ({ text: text[language], language }));
}

/**
 * The marketplace: the shipped templates, listed, fetched and matched against a need described in
 * words. Matching is BM25F over each template's names, descriptions and tags in all three languages,
 * its intents (names and examples) and its knowledge titles, with stems and the cross-language lexicon,
 * so a need written in Dutch or Norwegian finds the same template as the English one. The index is
 * built once, on the first search; a match then takes about a millisecond.
 */
export class TemplateCatalog {
  private readonly templates: TemplateFile[];
  private readonly byId = new Map<string, TemplateFile>();
  private built: Bm25Index<TemplateFile, Field> | null = null;

  constructor(templates: readonly TemplateFile[]) {
    const categoryOrder = (category: TemplateCategory): number => templateCategories.indexOf(category);
    this.templates = [...templates].sort(
      (a, b) =>
        categoryOrder(a.category) - categoryOrder(b.category) || a.name.en.localeCompare(b.name.en, 'en'),
    );
    for (const template of this.templates) this.byId.set(template.id, template);
  }

  /** The search index, built on first use (tens of milliseconds), so starting the app does not wait. */
  private get index(): Bm25Index<TemplateFile, Field> {
    if (this.built) return this.built;
    const index = new Bm25Index<TemplateFile, Field>({ fields: matchWeights });
    for (const template of this.templates) {
      const intents = template.flow.nodes.flatMap((node) =>
        node.type === 'intent'
          ? node.data.intents.flatMap((intent) => [intent.name.replace(/_/g, ' '), ...intent.examples])
          : [],
      );
      index.add(template, {
        name: localized(template.name),
        tags: template.tags,
        description: localized(template.description),
        intents,
        knowledge: template.knowledge.map((doc) => doc.title),
      });
    }
    this.built = index;
    return index;
  }

  get size(): number {
    return this.templates.length;
  }

  /** Builds the search index now (e.g. right after start-up, off the first user's request). */
  prepare(): void {
    void this.index;
  }

  /** Templates in a category and/or matching words (best match first); all of them, by category, without. */
  list(filter: { q?: string; category?: TemplateCategory } = {}): TemplateFile[] {
    const inCategory = (template: TemplateFile): boolean =>
      !filter.category || template.category === filter.category;
    const q = filter.q?.trim();
    if (!q) return this.templates.filter(inCategory);
    const words = q.toLowerCase();
    const direct = this.templates.filter(
      (template) =>
        template.id.includes(words) ||
        languages.some((language) => template.name[language].toLowerCase().includes(words)) ||
        template.tags.some((tag) => tag.toLowerCase() === words),
    );
    const ranked = this.index.search(q).map((hit) => hit.item);
    return [...new Set([...direct, ...ranked])].filter(inCategory);
  }

  get(id: string): TemplateFile | undefined {
    return this.byId.get(id);
  }

  /**
   * Templates ranked for a need in plain words, best first. `language` is the user's interface
   * language; it only breaks ties when the need's own language is unclear, so a Dutch need typed into
   * an English interface still matches in Dutch.
   */
  match(need: string, language?: Language): TemplateMatch[] {
    const hits = this.index.search(need, language ? { prior: language } : {});
    const best = hits[0]?.score ?? 0;
    if (best <= 0) return [];
    return hits.map((hit) => ({
      template: hit.item,
      score: Math.round((hit.score / best) * 1000) / 1000,
      matchedTerms: hit.matchedTerms,
    }));
  }
}
