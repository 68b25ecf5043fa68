import { emulatorGlobalSetup, shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('cart-events', {
  test: {
    globalSetup: [emulatorGlobalSetup],
    env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
  },
});
