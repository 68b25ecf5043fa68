import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadGatewayConfig } from './config.js';
import { wireGateway } from './wiring.js';

// The process entry: configuration, wiring, listening, and draining on SIGTERM.
const logger = createLogger('gateway');
try {
  const config = loadGatewayConfig();
  const wired = await wireGateway(config, logger);
  const running = await startServer(buildApp(wired.deps), config.PORT, config.HOST);
  logger.info(
    { url: running.url, operations: wired.deps.routes.routes.length, document: config.API_DOCUMENT_PATH },
    'gateway listening',
  );
  shutdownOnSignals(running, logger, { graceMs: config.SHUTDOWN_GRACE_MS, onStop: wired.close });
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
