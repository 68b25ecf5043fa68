import { emulatorGlobalSetup, shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('catalog', { test: { globalSetup: [emulatorGlobalSetup] } });
