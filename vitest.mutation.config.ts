import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The tests that guard the security-critical modules `npm run mutation` mutates (stryker.config.json):
 * Stryker runs this subset once, then per mutant only the tests that cover it.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // scripts/mutation.mjs names the tests of the module it mutates; all of them otherwise
    include: process.env.MUTATION_TESTS?.split(',') ?? [
      'main/core/audit/audit.test.ts',
      'main/core/audit/audit-details.test.ts',
      'db/scoped.test.ts',
      'db/scoped-edges.test.ts',
      'main/core/dispatch.test.ts',
      'main/core/dispatch-atomic.test.ts',
      'main/core/dispatch-edges.test.ts',
      'main/core/isolation.test.ts',
      'main/core/role-walk.test.ts',
      'main/core/hostile-tenant.test.ts',
      'main/core/event-audience.test.ts',
      'main/core/two-factor-required.test.ts',
      'main/core/auth/*.test.ts',
      'main/core/auth/two-factor/*.test.ts',
      'main/core/api-keys/*.test.ts',
      'main/host/api-keys.test.ts',
      'main/core/backups/bad-inputs.test.ts',
      'main/core/backups/bomb.test.ts',
      'main/core/backups/damaged-database.test.ts',
      'main/core/backups/older-backup.test.ts',
      'main/core/backups/verify-edges.test.ts',
      'main/core/lib/outbound-guard.test.ts',
      'main/core/lib/outbound-guard-edges.test.ts',
      'main/core/agents/flow/url-guard.test.ts',
      'main/core/outbound/outbound.test.ts',
      'main/core/users/users.test.ts',
    ],
  },
});
