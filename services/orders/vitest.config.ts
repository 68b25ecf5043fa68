import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('orders', {
  test: { globalSetup: ['test/support/emulator-global-setup.ts'] },
});
