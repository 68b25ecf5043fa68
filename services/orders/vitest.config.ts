import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('orders', {
  test: {
    globalSetup: ['test/support/emulator-global-setup.ts'],
    // A module graph per file: a checkout in order-lifecycle answered 409 once when it shared its
    // worker's modules with the lease and recovery files, which move their clocks.
    isolate: true,
  },
});
