import { armFaultPause } from '@shopeasy/service-kit/config';
import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadCatalogConfig } from './config.js';
import { wireCatalog } from './wiring.js';

// The process entry: reads the configuration, wires the catalog, listens, starts the consumers and
// the reservation sweeper, and drains on SIGTERM.
const logger = createLogger('catalog');
try {
  const config = loadCatalogConfig();
  armFaultPause(config, (step) => logger.warn({ step }, 'fault pause'));
  const wired = wireCatalog(config, logger);
  const app = await buildApp(wired.deps);
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: running.url, table: config.CATALOG_TABLE }, 'catalog listening');
  wired.start();
  // SIGTERM: not ready, in-flight requests finish, then the consumers finish their batch and
  // checkpoint and the reservation sweeper finishes its pass.
  shutdownOnSignals(running, logger, { graceMs: config.SHUTDOWN_GRACE_MS, onStop: wired.close });
} catch (error) {
  logger.fatal({ err: error }, 'catalog failed to start');
  process.exit(1);
}
