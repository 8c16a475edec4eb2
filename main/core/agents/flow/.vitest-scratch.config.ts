import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    include: ['main/core/agents/flow/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
  },
});
