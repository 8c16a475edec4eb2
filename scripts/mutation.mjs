// `npm run mutation [-- NAME ...]`: StrykerJS over the security-critical modules, one module at a time
// with the tests that guard it (so each mutant runs a few test files, not the whole suite), then one
// table of mutation scores. Not part of `npm test`: it takes a while. Reports: reports/mutation/NAME.json
// MUTATION_CONCURRENCY=1 runs one test process instead of the configured two.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

export const modules = {
  'audit chain': {
    mutate: ['main/core/audit/chain.ts', 'main/core/audit/service.ts'],
    tests: ['main/core/audit/audit.test.ts', 'main/core/audit/audit-details.test.ts'],
  },
  'tenant scope': {
    mutate: ['db/scoped.ts'],
    tests: [
      'db/scoped.test.ts',
      'db/scoped-edges.test.ts',
      'main/core/isolation.test.ts',
      'main/core/hostile-tenant.test.ts',
    ],
  },
  'dispatch (roles, tenant, audit)': {
    mutate: ['main/core/dispatch.ts'],
    tests: [
      'main/core/dispatch.test.ts',
      'main/core/dispatch-atomic.test.ts',
      'main/core/dispatch-edges.test.ts',
      'main/core/role-walk.test.ts',
      'main/core/two-factor-required.test.ts',
      'main/core/isolation.test.ts',
      'main/core/audit/audit.test.ts',
    ],
  },
  'sessions and TOTP': {
    mutate: ['main/core/auth/sessions.ts', 'main/core/auth/two-factor/totp.ts'],
    tests: [
      'main/core/auth/auth.test.ts',
      'main/core/auth/device-trust.test.ts',
      'main/core/auth/two-factor/two-factor.test.ts',
      'main/core/two-factor-required.test.ts',
      'main/core/auth/sessions-edges.test.ts',
      'main/core/auth/two-factor/totp-edges.test.ts',
    ],
  },
  'API-key authentication': {
    mutate: ['main/core/api-keys/service.ts'],
    tests: [
      'main/core/api-keys/api-keys.test.ts',
      'main/host/api-keys.test.ts',
      'main/core/api-keys/api-keys-edges.test.ts',
    ],
  },
  'backup verify and restore checks': {
    mutate: ['main/core/backups/verify-backup.ts'],
    tests: [
      // the whole-app bomb and older-backup tests run in npm test; here verify-edges covers the same
      // refusals on small files, so each mutant takes seconds, not minutes
      'main/core/backups/bad-inputs.test.ts',
      'main/core/backups/damaged-database.test.ts',
      'main/core/backups/verify-edges.test.ts',
    ],
  },
  'outbound (URL) guard': {
    mutate: ['main/core/lib/outbound-guard.ts'],
    tests: [
      'main/core/lib/outbound-guard.test.ts',
      'main/core/lib/outbound-guard-edges.test.ts',
      'main/core/outbound/outbound.test.ts',
    ],
  },
};

const slug = (name) =>
  name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

const chosen = process.argv.slice(2);
const names = Object.keys(modules).filter(
  (name) => chosen.length === 0 || chosen.includes(name) || chosen.includes(slug(name)),
);
if (names.length === 0) {
  console.error(`unknown module; choose from: ${Object.keys(modules).map(slug).join(', ')}`);
  process.exit(2);
}
mkdirSync('reports/mutation', { recursive: true });
const rows = [];
for (const name of names) {
  const { mutate, tests } = modules[name];
  const report = `reports/mutation/${slug(name)}.json`;
  console.log(`\n=== ${name}: ${mutate.join(', ')} ===`);
  const config = `reports/mutation/${slug(name)}.config.json`;
  const base = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
  const concurrency = Number(process.env.MUTATION_CONCURRENCY) || base.concurrency;
  writeFileSync(
    config,
    JSON.stringify(
      {
        ...base,
        mutate,
        concurrency,
        tempDirName: `.stryker-tmp/${slug(name)}`,
        jsonReporter: { fileName: report },
      },
      null,
      2,
    ),
  );
  const result = spawnSync('npx', ['stryker', 'run', config], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_TESTS: tests.join(',') },
  });
  if (result.status !== 0 || !existsSync(report)) {
    rows.push({ name, error: `stryker exited with ${result.status}` });
    continue;
  }
  const files = JSON.parse(readFileSync(report, 'utf8')).files;
  const count = (status) =>
    Object.values(files).reduce((n, file) => n + file.mutants.filter((m) => m.status === status).length, 0);
  const killed = count('Killed') + count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const score = (killed / Math.max(1, killed + survived + noCoverage)) * 100;
  rows.push({ name, killed, survived, noCoverage, score: Math.round(score * 10) / 10 });
}
console.log('\nmutation score per module (target 80 %):');
for (const row of rows) {
  console.log(
    row.error
      ? `  ${row.name}: ${row.error}`
      : `  ${row.name}: ${row.score} % (${row.killed} killed, ${row.survived} survived, ${row.noCoverage} without coverage)`,
  );
}
process.exit(rows.some((row) => row.error) ? 1 : 0);
