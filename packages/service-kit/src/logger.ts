import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentContext } from './context.js';
import { currentSpanIds } from './telemetry/trace-context.js';

export type { Logger } from 'pino';

/**
 * JSON-lines logger (stdout unless `destination` is given) that stamps every line with the
 * service and the current request's and span's ids.
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // With tracing on, the span's ids, so a log line leads to its trace; else the request's.
    mixin: () => {
      const context = currentContext();
      const span = currentSpanIds();
      return {
        ...(context && { requestId: context.requestId, traceId: context.traceId }),
        ...span,
      };
    },
    // Secrets never reach the logs, whatever shape the logged object has.
    redact: {
      paths: [
        'password',
        '*.password',
        'accessToken',
        'refreshToken',
        '*.accessToken',
        '*.refreshToken',
        'headers.authorization',
        '*.headers.authorization',
        'paymentMethodId',
        '*.paymentMethodId',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
