import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('cart', {
  test: { globalSetup: ['test/support/emulator-global-setup.ts'] },
});
