import { emulatorGlobalSetup, shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('dr-drill', { test: { globalSetup: [emulatorGlobalSetup] } });
