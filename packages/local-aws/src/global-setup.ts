import type { LocalEnvironment } from '@shopeasy/resources';
import type {} from 'vitest';
import { startEmulator } from './emulator.js';
import { provision } from './provision.js';

/** The part of vitest's TestProject the global setup uses. */
interface ProvidingProject {
  provide(key: 'localAws', value: LocalEnvironment): void;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Environment of the emulator started by `emulatorGlobalSetup`; copied into workers' process.env. */
    localAws: LocalEnvironment;
  }
}

/**
 * Vitest `globalSetup`: starts an emulator on a free port, provisions the data stack into it and
 * provides AWS_ENDPOINT_URL, AWS_REGION, dummy credentials and every resource variable as
 * `inject('localAws')`; `src/vitest-env.ts` (a setup file of every project) copies them into each
 * test worker's process.env. The returned teardown stops the emulator by PID.
 *
 * Use it from a file listed in `test.globalSetup`:
 *   export { emulatorGlobalSetup as default } from '@shopeasy/local-aws';
 */
export async function emulatorGlobalSetup(project?: ProvidingProject): Promise<() => Promise<void>> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const env = await provision({ endpoint: emulator.endpoint });
    project?.provide('localAws', env);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return () => emulator.stop();
}

export default emulatorGlobalSetup;
