import { defineConfig } from 'vitest/config';

// End-to-end and fault tests: each starts a whole local stack, so they run one file at a time.
export default defineConfig({
  test: {
    projects: ['tests/*/vitest.config.ts'],
    maxWorkers: 1,
  },
});
