import { emulatorGlobalSetup, shopeasyProject } from '../../vitest.shared.js';

export default shopeasyProject('orders', {
  test: {
    globalSetup: [emulatorGlobalSetup],
    // One file at a time, each with its own modules: the recovery tests move their service's clock
    // past the checkout lease, and their sweeper would take over another file's checkout in flight
    // in the shared table (a 409, an order left unpaid).
    fileParallelism: false,
    isolate: true,
  },
});
