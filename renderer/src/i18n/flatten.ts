/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`; non-string leaves are kept as they are so tests can spot them. */
export function flatten(tree: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) {
    out[prefix] = tree;
    return out;
  }
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      Object.assign(out, flatten(value, path));
    else out[path] = value;
  }
  return out;
}

export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((match) => match[1]!).sort();
}
