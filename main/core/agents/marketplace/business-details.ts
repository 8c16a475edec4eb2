import { businessDetails, type BusinessDetail, type TemplateFile } from '../../../contract';

/** {{business.<detail>}}, with or without spaces inside the braces. */
const placeholder = /\{\{\s*business\.([A-Za-z]+)\s*\}\}/g;

const isDetail = (name: string): name is BusinessDetail =>
  (businessDetails as readonly string[]).includes(name);

function stringsOf(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsOf(item, out);
  return out;
}

/** The {{business.<name>}} names a text uses (known details or not), in order of first use. */
export function businessNamesIn(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(placeholder)) names.add(match[1]!);
  return [...names];
}

const used = new WeakMap<TemplateFile, BusinessDetail[]>();

/**
 * Which of the business's details a template uses (in its flow and its sample knowledge), in the
 * order of `businessDetails`: read from the template itself, so it cannot drift from what it says.
 */
export function businessDetailsUsed(template: TemplateFile): BusinessDetail[] {
  let found = used.get(template);
  if (!found) {
    const names = new Set(businessNamesIn(stringsOf([template.flow.nodes, template.knowledge], [])));
    found = businessDetails.filter((detail) => names.has(detail));
    used.set(template, found);
  }
  return found;
}

/**
 * A sample document with the business's details written in (the knowledge base holds plain text, not
 * variables). A detail the values lack becomes '' rather than "undefined" or a stray placeholder.
 */
export function fillBusinessDetails(text: string, values: Partial<Record<BusinessDetail, string>>): string {
  return text.replace(placeholder, (_whole, name: string) => (isDetail(name) ? (values[name] ?? '') : ''));
}
