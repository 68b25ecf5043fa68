import { defineConfig } from 'vitest/config';

// End-to-end and fault tests: each starts a whole local stack, so they run one file at a time.
export default defineConfig({
  test: {
    // tests/load holds the load harness; its unit tests run with the others (vitest.config.ts).
    projects: ['tests/*/vitest.config.ts', '!tests/load/vitest.config.ts'],
    maxWorkers: 1,
  },
});
