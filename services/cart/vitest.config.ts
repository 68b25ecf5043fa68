import { emulatorGlobalSetup, shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('cart', { test: { globalSetup: [emulatorGlobalSetup] } });
