import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('feedback', {
  test: { globalSetup: ['test/support/emulator-global-setup.ts'] },
});
