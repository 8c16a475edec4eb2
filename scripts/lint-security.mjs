// `npm run lint:security`: Electronegativity (Doyensec's Electron security linter) over the code that
// shapes the desktop app's security: the Electron shell, the preload and the renderer's sources.
// Every finding must be explained in security/electronegativity-allow.json (check id, file, reason);
// an unexplained finding, a file the scanner could not parse, or an allow-list entry that no longer
// matches anything fails the run. Offline: the scanner's two network look-ups (translations and the
// Electron release feed) are switched off, and the Electron version comes from node_modules.
//   node scripts/lint-security.mjs [--json report.json]
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const allowListPath = join(root, 'security', 'electronegativity-allow.json');
const started = Date.now();

/** What is scanned, relative to the repository root. Tests are left out: they hold hostile samples on purpose. */
const scanned = ['main/electron', 'preload', 'renderer/index.html', 'renderer/src'];
const isTest = (path) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(path) || path.endsWith('.d.ts');

/**
 * Not run: AvailableSecurityFixesGlobalCheck downloads Electron's release list on every run (the
 * Electron version is kept current through the lock file instead), and the version checks need
 * package.json files that are not part of the scan.
 */
const excludedChecks = ['availablesecurityfixesglobalcheck'];

// Offline: the scanner asks `got` for translations (1 s time-out) and for Electron's release feed.
// Answer both with an immediate failure, which the scanner already handles.
function stubNetwork() {
  const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity/dist/locales/i18n.js'));
  const gotPath = scannerRequire.resolve('got');
  const offline = () => Promise.reject(new Error('lint:security runs offline'));
  offline.head = offline;
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
}

function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'mindframe-electronegativity-'));
  const copy = (path) => {
    const from = join(root, path);
    if (statSync(from).isDirectory()) {
      for (const entry of readdirSync(from)) copy(join(path, entry));
    } else if (!isTest(path)) {
      cpSync(from, join(dir, path));
    }
  };
  for (const path of scanned) copy(path);
  return dir;
}

function readAllowList() {
  const entries = JSON.parse(readFileSync(allowListPath, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${allowListPath}: expected an array of entries`);
  for (const [index, entry] of entries.entries()) {
    for (const field of ['check', 'file', 'reason']) {
      if (typeof entry[field] !== 'string' || entry[field].trim() === '')
        throw new Error(`${allowListPath}: entry ${index} needs a non-empty "${field}"`);
    }
    if (entry.reason.trim().length < 40)
      throw new Error(
        `${allowListPath}: entry ${index} (${entry.check}) needs a real reason, not "${entry.reason}"`,
      );
  }
  return entries;
}

async function scan(dir) {
  stubNetwork();
  const run = require('@doyensec/electronegativity');
  const electronVersion = JSON.parse(
    readFileSync(join(dirname(require.resolve('electron/package.json')), 'package.json'), 'utf8'),
  ).version;
  // the scanner prints its translation fallback and progress notes on the console
  const log = console.log;
  console.log = () => undefined;
  try {
    return await run(
      {
        input: dir,
        isRelative: true,
        excludeFromScan: excludedChecks,
        electronVersionOverride: electronVersion,
      },
      false,
    );
  } finally {
    console.log = log;
  }
}

const toPosix = (path) => path.split(sep).join('/');
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

const allowList = readAllowList();
const dir = stage();
let result;
try {
  result = await scan(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const findings = result.issues.map((issue) => ({
  check: issue.id,
  file: issue.file === 'N/A' ? 'N/A' : toPosix(relative('.', issue.file)),
  line: issue.location?.line ?? 0,
  sample: issue.sample ?? '',
  description: issue.description,
  severity: issue.severity?.name,
  confidence: issue.confidence?.name,
}));
const used = new Set();
const unexplained = findings.filter((finding) => {
  const index = allowList.findIndex((entry) => entry.check === finding.check && entry.file === finding.file);
  if (index === -1) return true;
  used.add(index);
  return false;
});
const stale = allowList.filter((_entry, index) => !used.has(index));
const parseErrors = result.errors.filter((error) => !error.tolerable);

if (jsonOut)
  writeFileSync(jsonOut, JSON.stringify({ findings, unexplained, stale, errors: result.errors }, null, 2));

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `electronegativity: ${result.atomicChecks + result.globalChecks} checks over ${scanned.join(', ')}; ` +
    `${findings.length} finding(s), ${findings.length - unexplained.length} explained in ${toPosix(relative(root, allowListPath))} (${seconds} s)`,
);
for (const error of parseErrors) console.error(`✗ could not scan ${error.file}: ${error.message}`);
for (const finding of unexplained) {
  console.error(
    `✗ ${finding.check} ${finding.file}:${finding.line} [${finding.severity}/${finding.confidence}] ${finding.description}` +
      (finding.sample ? `\n    ${finding.sample}` : ''),
  );
}
for (const entry of stale) {
  console.error(`✗ allow-list entry matches no finding any more, remove it: ${entry.check} ${entry.file}`);
}
if (unexplained.length > 0) {
  console.error(
    `\nFix the code, or (after review) explain each finding in ${toPosix(relative(root, allowListPath))} ` +
      'with { "check", "file", "reason" }.',
  );
}
process.exit(parseErrors.length + unexplained.length + stale.length > 0 ? 1 : 0);
