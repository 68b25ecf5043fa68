import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig, type UserWorkspaceConfig } from 'vitest/config';

/** Project defaults every workspace's vitest.config.ts builds on. */
export function shopeasyProject(name: string, overrides: UserWorkspaceConfig = {}) {
  return mergeConfig(
    defineProject({
      resolve: { conditions: ['source'] },
      ssr: { resolve: { conditions: ['source'] } },
      test: {
        name,
        include: ['test/**/*.test.ts'],
        // Workers of a project with an emulator take that emulator's environment.
        setupFiles: [fileURLToPath(new URL('./packages/local-aws/src/vitest-env.ts', import.meta.url))],
        testTimeout: 30_000,
        hookTimeout: 120_000,
      },
    }),
    overrides,
  );
}
