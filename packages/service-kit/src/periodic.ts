import type { Logger } from './logger.js';
import { untraced } from './telemetry/trace-context.js';

/** A job that runs every interval, one pass at a time. */
export interface PeriodicJob {
  /** One pass now (after the one in progress); resolves with what it returned (0 when it failed). */
  runOnce(): Promise<number>;
  /** No new pass starts; resolves when the one in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs` (and at once when `runAtStart`), never two passes at a time; a
 * pass that throws is logged as `failure` and the next one runs as usual.
 */
export function startPeriodic(
  pass: () => Promise<number>,
  options: { intervalMs: number; logger: Logger; failure: string; runAtStart?: boolean },
): PeriodicJob {
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;
  const next = () => {
    running = running
      .then(() => (stopped ? 0 : pass()))
      .catch((error: unknown) => {
        options.logger.error({ err: error }, options.failure);
        return 0;
      });
    return running;
  };
  if (options.runAtStart) untraced(() => void next());
  const timer = setInterval(() => untraced(() => void next()), options.intervalMs);
  timer.unref();
  return {
    runOnce: next,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
