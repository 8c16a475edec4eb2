// Merges translation keys into renderer/src/i18n/{en,nl,nb}.json: `node scripts/i18n-merge.mjs patch.json`,
// where the patch is { "en": { "a": { "b": "text" } }, "nl": {...}, "nb": {...} }. Existing keys are
// overwritten, key order is kept, and each file is rewritten in one step (safe beside other editors).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const [patchFile] = process.argv.slice(2);
if (!patchFile) {
  console.error('usage: node scripts/i18n-merge.mjs PATCH.json');
  process.exit(2);
}
const patch = JSON.parse(readFileSync(patchFile, 'utf8'));
const languages = ['en', 'nl', 'nb'];
for (const language of Object.keys(patch)) {
  if (!languages.includes(language)) {
    console.error(`unknown language ${language}`);
    process.exit(2);
  }
}
const missing = languages.filter((language) => !patch[language]);
if (missing.length > 0) {
  console.error(`the patch must give every language; missing: ${missing.join(', ')}`);
  process.exit(2);
}

function merge(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      merge(target[key], value);
    } else target[key] = value;
  }
}

for (const language of languages) {
  const file = `renderer/src/i18n/${language}.json`;
  const data = JSON.parse(readFileSync(file, 'utf8'));
  merge(data, patch[language]);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
console.log(`merged ${patchFile}`);
