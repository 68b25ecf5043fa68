import { createAwsClients, createLogger, shutdownOnSignals, startServer } from '@shopeasy/service-kit';
import { buildApp, startRecovery } from './app.js';
import { loadOrdersConfig } from './config.js';

// Reads the configuration, wires the dependencies, recovers unfinished orders, listens, and
// on SIGTERM drains requests and stops the recovery sweeper.
const logger = createLogger('orders');
try {
  const config = loadOrdersConfig();
  const aws = createAwsClients(config);
  const deps = { config, logger, aws };
  const app = await buildApp(deps);
  const sweeper = startRecovery(deps);
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: running.url, paymentProvider: config.PAYMENT_PROVIDER }, 'orders service listening');
  shutdownOnSignals(running, logger, { graceMs: config.SHUTDOWN_GRACE_MS, onStop: () => sweeper.stop() });
} catch (error) {
  logger.fatal({ err: error }, 'orders service failed to start');
  process.exit(1);
}
