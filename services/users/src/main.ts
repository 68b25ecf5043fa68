import { createAwsClients } from '@shopeasy/service-kit/aws';
import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger, createServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadUsersConfig } from './config.js';

// Reads the configuration, wires the dependencies, listens, and drains on SIGTERM.
const logger = createLogger('users');
try {
  const config = loadUsersConfig();
  const aws = createAwsClients(config);
  const metrics = createServiceMetrics('users', { flushIntervalMs: config.METRICS_FLUSH_INTERVAL_MS });
  const app = await buildApp({ config, logger, aws, metrics });
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: running.url }, 'users service listening');
  shutdownOnSignals(running, logger, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    onStop: async () => metrics.stop(),
  });
} catch (error) {
  logger.fatal({ err: error }, 'users service failed to start');
  process.exit(1);
}
