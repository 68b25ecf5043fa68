import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const SERVICE_NAME = 'notifications';

/**
 * JSON-lines logger (Powertools). Log level from POWERTOOLS_LOG_LEVEL or LOG_LEVEL. Records are
 * logged by message and event id; bodies and email addresses are never logged.
 */
export function createLogger(serviceName = SERVICE_NAME): Logger {
  return new Logger({ serviceName });
}

/** CloudWatch embedded-metric counts per batch; POWERTOOLS_METRICS_DISABLED=true turns them off. */
export function createMetrics(): Metrics {
  return new Metrics({ namespace: 'ShopEasy', serviceName: SERVICE_NAME });
}
