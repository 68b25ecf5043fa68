import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('catalog', {
  test: { globalSetup: ['./test/global-setup.ts'] },
});
