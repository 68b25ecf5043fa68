import { emulatorGlobalSetup, shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('feedback', {
  test: { globalSetup: [emulatorGlobalSetup] },
});
