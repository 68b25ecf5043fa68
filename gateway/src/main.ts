import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger, createServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { buildGateway } from './app.js';
import { loadGatewayConfig } from './config.js';
import { gatewayDeps } from './deps.js';
import { readApiDocument } from './routing/index.js';

const config = loadGatewayConfig();
const logger = createLogger('gateway', config.LOG_LEVEL);
const document = await readApiDocument(config.API_DOCUMENT_PATH);
const metrics = createServiceMetrics('gateway', { flushIntervalMs: config.METRICS_FLUSH_INTERVAL_MS });
const gateway = buildGateway({ ...gatewayDeps(config, document, logger), metrics });
const running = await startServer(gateway.app, config.PORT, config.HOST);
logger.info(
  { url: running.url, operations: gateway.routes.routes.length, document: config.API_DOCUMENT_PATH },
  'gateway listening',
);
shutdownOnSignals(running, logger, {
  graceMs: config.SHUTDOWN_GRACE_MS,
  onStop: async () => {
    gateway.close();
    metrics.stop();
  },
});
