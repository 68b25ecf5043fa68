import { defineConfig } from 'vitest/config';

// Every workspace that has tests carries its own vitest.config.ts built on vitest.shared.ts.
// Whole-stack tests (tests/e2e, tests/fault) run from vitest.e2e.config.ts: `npm run test:e2e`.
export default defineConfig({
  test: {
    projects: [
      '*/vitest.config.ts',
      'packages/*/vitest.config.ts',
      'services/*/vitest.config.ts',
      'functions/*/vitest.config.ts',
      'tools/*/vitest.config.ts',
      // The load harness's own logic; `npm run load` is the load run against a running stack.
      'tests/load/vitest.config.ts',
    ],
    // Component tests start emulators and services; two cores do not gain from more workers.
    maxWorkers: 2,
  },
});
