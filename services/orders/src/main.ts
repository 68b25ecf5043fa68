import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadOrdersConfig } from './config.js';
import { wireOrders } from './wiring.js';

// The orders process: configuration, wiring, the recovery sweeper, listening, graceful shutdown.
const logger = createLogger('orders');
try {
  const config = loadOrdersConfig();
  const wired = wireOrders(config, logger);
  const app = await buildApp(wired.deps);
  wired.start(); // unfinished orders are picked up before new requests arrive
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: running.url, paymentProvider: config.PAYMENT_PROVIDER }, 'orders service listening');
  shutdownOnSignals(running, logger, { graceMs: config.SHUTDOWN_GRACE_MS, onStop: wired.close });
} catch (error) {
  logger.fatal({ err: error }, 'orders service failed to start');
  process.exit(1);
}
