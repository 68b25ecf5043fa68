import { createAwsClients } from '@shopeasy/service-kit/aws';
import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger, createServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadFeedbackConfig } from './config.js';
import { startWorker } from './worker/worker.js';

// Reads the configuration, wires the dependencies, listens, runs the queue worker (unless
// WORKER_ENABLED=false) and on SIGTERM drains requests, then stops polling and finishes the batch.
const logger = createLogger('feedback');
try {
  const config = loadFeedbackConfig();
  const aws = createAwsClients(config);
  const metrics = createServiceMetrics('feedback', { flushIntervalMs: config.METRICS_FLUSH_INTERVAL_MS });
  const app = await buildApp({ config, logger, aws, metrics });
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: running.url }, 'feedback service listening');
  const worker = config.WORKER_ENABLED ? startWorker({ config, logger, aws, metrics }) : undefined;
  shutdownOnSignals(running, logger, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    onStop: async () => {
      await worker?.stop();
      metrics.stop();
    },
  });
} catch (error) {
  logger.fatal({ err: error }, 'feedback service failed to start');
  process.exit(1);
}
