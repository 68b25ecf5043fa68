import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadCartConfig } from './config.js';
import { cartDeps } from './wiring.js';

// Reads the configuration, wires the dependencies, listens, and drains on SIGTERM.
const logger = createLogger('cart');
try {
  const config = loadCartConfig();
  const { deps, aws } = cartDeps(config, logger);
  const app = await buildApp(deps);
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info(
    { url: running.url, table: config.CART_TABLE, catalog: config.CATALOG_URL },
    'cart service listening',
  );
  shutdownOnSignals(running, logger, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    onStop: async () => {
      deps.metrics?.stop();
      aws.dynamo.destroy();
      aws.kinesis.destroy();
    },
  });
} catch (error) {
  logger.fatal({ err: error }, 'cart service failed to start');
  process.exit(1);
}
