import { emulatorGlobalSetup, shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('release-smoke', {
  test: { globalSetup: [emulatorGlobalSetup] },
});
