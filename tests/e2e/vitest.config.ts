import { shopeasyProject } from '../../vitest.shared.js';

// One stack (emulator, every service, gateway, notification runner) for the flow tests; the
// fault test starts its own, since it kills a service.
export default shopeasyProject('e2e', {
  test: {
    globalSetup: ['test/support/stack-global-setup.ts'],
    setupFiles: ['test/support/contract-violations.ts'],
    testTimeout: 120_000,
    fileParallelism: false,
  },
});
