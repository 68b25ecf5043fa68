import { armFaultPause } from '@shopeasy/service-kit/config';
import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadFeedbackConfig } from './config.js';
import { wireFeedback } from './wiring.js';

// The feedback process: config, wiring, listen, the queue worker (unless WORKER_ENABLED=false);
// on SIGTERM drain requests, then close (the worker finishes its poll and batch first).
const logger = createLogger('feedback');
try {
  const config = loadFeedbackConfig();
  armFaultPause(config, (step) => logger.warn({ step }, 'fault pause'));
  const wired = wireFeedback(config, logger);
  const app = await buildApp(wired.deps);
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: running.url }, 'feedback service listening');
  if (config.WORKER_ENABLED) wired.start();
  shutdownOnSignals(running, logger, { graceMs: config.SHUTDOWN_GRACE_MS, onStop: wired.close });
} catch (error) {
  logger.fatal({ err: error }, 'feedback service failed to start');
  process.exit(1);
}
