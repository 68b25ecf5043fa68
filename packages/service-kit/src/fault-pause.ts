import { z } from 'zod';
import { ConfigError, cloudRules } from './config.js';

/**
 * `FAULT_PAUSE_AFTER=<step>:<ms>`: a test-only setting. The named step waits `ms` once its work is
 * written, so a fault test can kill the process in that window. Production never sets it, and the
 * cloud's rules refuse it.
 */
export const faultPauseShape = {
  FAULT_PAUSE_AFTER: z
    .string()
    .regex(/^[a-z][a-z-]*:\d{1,6}$/, 'must be <step>:<ms>, e.g. reservation-committed:10000')
    .optional(),
};

let armed: { step: string; ms: number; onPause: (step: string) => void } | undefined;

/** Arms the pause the configuration names (none: nothing); throws where the cloud's rules apply. */
export function armFaultPause(
  config: { NODE_ENV: string; LOCAL_DEFAULTS: string; FAULT_PAUSE_AFTER?: string | undefined },
  onPause: (step: string) => void,
): void {
  if (!config.FAULT_PAUSE_AFTER) return;
  if (cloudRules(config))
    throw new ConfigError(['FAULT_PAUSE_AFTER: a fault-test setting, refused in the cloud']);
  const [step = '', ms = '0'] = config.FAULT_PAUSE_AFTER.split(':');
  armed = { step, ms: Number(ms), onPause };
}

/** Where a step's work is written and the next is not begun: waits there if a fault test asked. */
export async function faultPause(step: string): Promise<void> {
  if (armed?.step !== step) return;
  armed.onPause(step);
  await new Promise((resolve) => setTimeout(resolve, armed?.ms));
}
