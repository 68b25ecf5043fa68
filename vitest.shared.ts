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
        testTimeout: 30_000,
        hookTimeout: 120_000,
      },
    }),
    overrides,
  );
}
