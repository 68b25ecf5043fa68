import { armFaultPause } from '@shopeasy/service-kit/config';
import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadCartConfig } from './config.js';
import { wireCart } from './wiring.js';

// The process entry: reads the configuration, wires the cart, listens, and drains on SIGTERM.
const logger = createLogger('cart');
try {
  const config = loadCartConfig();
  armFaultPause(config, (step) => logger.warn({ step }, 'fault pause'));
  const wired = wireCart(config, logger);
  const app = await buildApp(wired.deps);
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info(
    { url: running.url, table: config.CART_TABLE, catalog: config.CATALOG_URL },
    'cart service listening',
  );
  shutdownOnSignals(running, logger, { graceMs: config.SHUTDOWN_GRACE_MS, onStop: wired.close });
} catch (error) {
  logger.fatal({ err: error }, 'cart service failed to start');
  process.exit(1);
}
