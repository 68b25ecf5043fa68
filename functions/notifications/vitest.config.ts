import { emulatorGlobalSetup, shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('notifications', {
  test: {
    globalSetup: [emulatorGlobalSetup],
    // EMF metric lines and info logs only add noise to test output.
    env: { POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'WARN' },
  },
});
