import { emulatorGlobalSetup, shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('users', {
  test: { globalSetup: [emulatorGlobalSetup] },
});
