import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('users', {
  test: { globalSetup: ['test/support/emulator-global-setup.ts'] },
});
