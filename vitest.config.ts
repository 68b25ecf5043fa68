import { defineConfig } from 'vitest/config';

// Every workspace that has tests carries its own vitest.config.ts built on vitest.shared.ts.
// Whole-stack tests (tests/e2e, tests/fault) run from vitest.e2e.config.ts: `npm run test:e2e`.
const ALL = [
  '*/vitest.config.ts',
  'packages/*/vitest.config.ts',
  'services/*/vitest.config.ts',
  'functions/*/vitest.config.ts',
  'tools/*/vitest.config.ts',
  'tools/local-stack/vitest.stack.config.ts',
  // The load harness's own logic; `npm run load` is the load run against a running stack.
  'tests/load/vitest.config.ts',
];
// Projects that start no emulator, service or server: `npm test` runs them in its offline lane
// (VITEST_LANE=offline), the rest in its stack lane (VITEST_LANE=stack). A new project lands in
// the stack lane unless it is listed here.
const OFFLINE = [
  'infra/vitest.config.ts',
  'packages/resources/vitest.config.ts',
  'functions/authorizer/vitest.config.ts',
  'tools/contracts/vitest.config.ts',
  'tools/deploy-check/vitest.config.ts',
  'tools/iam-check/vitest.config.ts',
  'tools/capacity/vitest.config.ts',
  'tools/diagrams/vitest.config.ts',
  'tools/confluence-publish/vitest.config.ts',
  'tools/local-stack/vitest.config.ts',
  'tests/load/vitest.config.ts',
];
const lane = process.env.VITEST_LANE;
if (lane !== undefined && lane !== 'stack' && lane !== 'offline')
  throw new Error(`VITEST_LANE=${lane}: only "stack" and "offline" are known`);

export default defineConfig({
  test: {
    projects:
      lane === 'offline'
        ? OFFLINE
        : lane === 'stack'
          ? // A path named outright is taken as it is, so it is left out here; globs take the negations.
            [...ALL.filter((p) => !OFFLINE.includes(p)), ...OFFLINE.map((p) => `!${p}`)]
          : ALL,
    // Component tests start emulators and services; two cores do not gain from more workers.
    maxWorkers: 2,
  },
});
