// Third-party licences of what the app ships, for Help → About (help.about):
//   - the production dependencies of package.json and everything they depend on (they ship in
//     node_modules beside dist/: the main-process bundles keep packages external);
//   - the packages the renderer bundle holds (React, i18next ...: dev dependencies by npm's
//     reckoning, but their code is in dist/renderer), as Vite reports them, with their dependencies.
// Dev tools (vitest, eslint, electron-builder ...) ship nothing and are not listed.
// `node scripts/build.mjs` writes dist/third-party-licences.json; `node scripts/licences.mjs` alone
// writes it from the production dependencies and the packages the renderer's sources import.
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const licenceFile = /^(licen[cs]e|copying|unlicense)(\.(md|txt|markdown))?$|^(licen[cs]e|copying)[-.]/i;
const maxText = 20_000;

/** The folder of package `name` as Node resolves it from `fromDir`, or null. */
function resolvePackage(name, fromDir, root) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
    dir = dirname(dir);
  }
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function licenceOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) {
    const types = pkg.licenses.map((l) => (typeof l === 'string' ? l : l?.type)).filter(Boolean);
    if (types.length > 0) return types.length === 1 ? types[0] : `(${types.join(' OR ')})`;
  }
  return null;
}

function homepageOf(pkg) {
  if (typeof pkg.homepage === 'string') return pkg.homepage;
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (typeof repo !== 'string') return null;
  return repo
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/^git:\/\//, 'https://');
}

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => licenceFile.test(name));
  if (!file) return null;
  const text = readFileSync(join(dir, file), 'utf8').trim();
  return text.length > maxText ? `${text.slice(0, maxText)}\n…` : text;
}

/**
 * Every package reached from `roots` (names resolved from the app's folder) through `dependencies`
 * and installed `optionalDependencies`, once per name and version, sorted by name.
 */
export function collectLicences({ root, roots }) {
  const seen = new Map();
  const queue = roots.map((name) => ({ name, from: root }));
  while (queue.length > 0) {
    const { name, from } = queue.shift();
    const dir = resolvePackage(name, from, root);
    if (!dir) continue;
    const pkg = readJson(join(dir, 'package.json'));
    const key = `${pkg.name ?? name}@${pkg.version}`;
    if (seen.has(key)) continue;
    seen.set(key, {
      name: pkg.name ?? name,
      version: String(pkg.version ?? ''),
      license: licenceOf(pkg),
      homepage: homepageOf(pkg),
      text: licenceText(dir),
    });
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      queue.push({ name: dep, from: dir });
    }
  }
  return [...seen.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

/** The package names of module paths inside node_modules (what Vite put in the bundle). */
export function packagesOfModules(moduleIds) {
  const names = new Set();
  for (const id of moduleIds) {
    const path = id.replace(/^\0/, '').split(sep).join('/');
    const at = path.lastIndexOf('/node_modules/');
    if (at === -1) continue;
    const parts = path.slice(at + '/node_modules/'.length).split('/');
    const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** Bare packages the renderer's sources import (without a Vite build to ask). */
export function packagesImportedBy(dir) {
  const names = new Set();
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(tsx?|mts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const source = readFileSync(path, 'utf8');
        for (const match of source.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+['"]([^'"./][^'"]*)['"]/gm)) {
          const spec = match[1];
          const parts = spec.split('/');
          names.add(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
        }
      }
    }
  };
  walk(dir);
  return [...names].sort();
}

export function writeLicences({ root, out, bundled }) {
  const pkg = readJson(join(root, 'package.json'));
  const roots = [...new Set([...Object.keys(pkg.dependencies ?? {}), ...bundled])];
  const packages = collectLicences({ root, roots });
  // the desktop app ships the Electron runtime itself (not its installer's dependencies)
  const electron = join(root, 'node_modules', 'electron', 'package.json');
  if (existsSync(electron) && !packages.some((p) => p.name === 'electron')) {
    const own = readJson(electron);
    packages.push({
      name: 'electron',
      version: String(own.version),
      license: licenceOf(own),
      homepage: homepageOf(own),
      text: licenceText(dirname(electron)),
    });
    packages.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ generatedAt: new Date().toISOString(), packages })}\n`);
  return packages;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out = join(root, 'dist', 'third-party-licences.json');
  const packages = writeLicences({ root, out, bundled: packagesImportedBy(join(root, 'renderer', 'src')) });
  console.log(`${packages.length} packages → ${relative(root, out)}`);
}
