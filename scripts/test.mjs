// `npm test`: lint, security lint, type-check, build, unit and integration tests, then the end-to-end suite;
// ends with one plain summary line over both test runners.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const vitestReport = 'reports/vitest.json';
const e2eReport = 'reports/e2e.json';
const steps = [
  ['lint', 'npx', ['eslint', '.']],
  ['security lint (Electronegativity)', 'node', ['scripts/lint-security.mjs']],
  ['formatting', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['type-check', 'npx', ['tsc', '-b']],
  ['build', 'node', ['scripts/build.mjs']],
  [
    'unit and integration tests',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  ],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
];

if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
rmSync('reports', { recursive: true, force: true });

function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
  if (existsSync(e2eReport)) {
    const { stats } = JSON.parse(readFileSync(e2eReport, 'utf8'));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    skipped += stats.skipped;
  }
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds} s`);
    console.log(counts());
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds} s)`);
}
console.log(counts());
