import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('local-aws', {
  test: {
    // Proves emulatorGlobalSetup works as other workspaces will use it (see test/global-setup.test.ts).
    globalSetup: ['test/support/emulator-global-setup.ts'],
  },
});
