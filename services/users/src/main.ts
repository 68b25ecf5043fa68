import { shutdownOnSignals, startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadUsersConfig } from './config.js';
import { wireUsers } from './wiring.js';

// The users process: config, wiring (admin account ensured), listen; on SIGTERM drain, then close.
const logger = createLogger('users');
try {
  const config = loadUsersConfig();
  const wired = await wireUsers(config, logger);
  const app = await buildApp(wired.deps);
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: running.url }, 'users service listening');
  shutdownOnSignals(running, logger, { graceMs: config.SHUTDOWN_GRACE_MS, onStop: wired.close });
} catch (error) {
  logger.fatal({ err: error }, 'users service failed to start');
  process.exit(1);
}
