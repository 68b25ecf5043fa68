import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig, type UserWorkspaceConfig } from 'vitest/config';

// Workspace packages resolve to src/ through their `source` export condition, so tests import
// them without a build. Vitest loads globalSetup files in its own `__vitest__` environment, which
// takes neither resolve.conditions nor ssr.resolve.conditions (vitest-dev/vitest#9429), so it is
// given the conditions the test files resolve with; without them a fresh clone fails on dist/.
const workerConditions = ['source', 'node', 'development|production'];

/**
 * The `globalSetup` of a project whose tests need the AWS emulator: one emulator on a free port,
 * provisioned from the CDK data stack, stopped by PID after the run.
 */
export const emulatorGlobalSetup = fileURLToPath(
  new URL('./packages/local-aws/src/global-setup.ts', import.meta.url),
);

/** Project defaults every workspace's vitest.config.ts builds on. */
export function shopeasyProject(name: string, overrides: UserWorkspaceConfig = {}) {
  return mergeConfig(
    defineProject({
      resolve: { conditions: ['source'] },
      ssr: { resolve: { conditions: ['source'] } },
      environments: { __vitest__: { resolve: { conditions: workerConditions } } },
      test: {
        name,
        include: ['test/**/*.test.ts'],
        // Workers of a project with an emulator take that emulator's environment.
        setupFiles: [fileURLToPath(new URL('./packages/local-aws/src/vitest-env.ts', import.meta.url))],
        testTimeout: 30_000,
        hookTimeout: 120_000,
        // One module graph per worker, not one per file: every file builds its own app, service or
        // CDK App from its own data, and importing the AWS SDK, Express and aws-cdk-lib once per
        // worker instead of once per file more than halves the suite's CPU.
        isolate: false,
      },
    }),
    overrides,
  );
}
