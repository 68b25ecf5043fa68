import { shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('release-smoke', {
  test: { globalSetup: ['./test/global-setup.ts'] },
});
