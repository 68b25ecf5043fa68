import { createAwsClients } from '@shopeasy/service-kit/aws';
import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger, createServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { buildApp, startRecovery } from './app.js';
import { loadOrdersConfig } from './config.js';

// Reads the configuration, wires the dependencies, recovers unfinished orders, listens, and
// on SIGTERM drains requests and stops the recovery sweeper.
const logger = createLogger('orders');
try {
  const config = loadOrdersConfig();
  const aws = createAwsClients(config);
  const metrics = createServiceMetrics('orders', { flushIntervalMs: config.METRICS_FLUSH_INTERVAL_MS });
  const deps = { config, logger, aws, metrics };
  const app = await buildApp(deps);
  const sweeper = startRecovery(deps);
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: running.url, paymentProvider: config.PAYMENT_PROVIDER }, 'orders service listening');
  if (config.missingPaymentKey)
    logger.warn(
      { variable: config.missingPaymentKey },
      'payment key not set: degraded, checkout answers 503',
    );
  shutdownOnSignals(running, logger, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    onStop: async () => {
      await sweeper.stop();
      metrics.stop();
    },
  });
} catch (error) {
  logger.fatal({ err: error }, 'orders service failed to start');
  process.exit(1);
}
