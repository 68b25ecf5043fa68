import { armFaultPause } from '@shopeasy/service-kit/config';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { loadFeedbackConfig } from '../config.js';
import { wireFeedback } from '../wiring.js';

// The worker alone, without the HTTP API (`npm run worker`): for scaling the two separately.
const logger = createLogger('feedback-worker');
try {
  const config = loadFeedbackConfig();
  armFaultPause(config, (step) => logger.warn({ step }, 'fault pause'));
  const wired = wireFeedback(config, logger);
  wired.start();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    wired.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  logger.fatal({ err: error }, 'feedback worker failed to start');
  process.exit(1);
}
