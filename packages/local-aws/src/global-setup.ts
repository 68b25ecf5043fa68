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
    /** Environment of the emulator started by `emulatorGlobalSetup`; also copied into process.env. */
    localAws: LocalEnvironment;
  }
}

/**
 * Vitest `globalSetup`: starts an emulator on a free port, provisions the data stack into it,
 * puts AWS_ENDPOINT_URL, AWS_REGION, dummy credentials and every resource variable into
 * process.env (test workers start afterwards and inherit it) and provides the same map as
 * `inject('localAws')`. The returned teardown stops the emulator by PID.
 *
 * Use it from a file listed in `test.globalSetup`:
 *   export { emulatorGlobalSetup as default } from '@shopeasy/local-aws';
 */
export async function emulatorGlobalSetup(project?: ProvidingProject): Promise<() => Promise<void>> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const env = await provision({ endpoint: emulator.endpoint });
    Object.assign(process.env, env);
    project?.provide('localAws', env);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return () => emulator.stop();
}
