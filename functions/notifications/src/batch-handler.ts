import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { flushTelemetry, inConsumerSpan, messageTraceCarrier } from '@shopeasy/service-kit/telemetry';
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { isTransientSesError } from './email/ses-sender.js';
import { processRecord, RecordFailedError, type RecordDeps } from './process-record.js';

export interface BatchDeps extends RecordDeps {
  logger: Logger;
  metrics: Metrics;
}

type Counter = 'EmailsSent' | 'EmailsSkipped' | 'DuplicatesSuppressed' | 'EmailsFailed';

/**
 * The SQS batch handler: each record on its own, failures reported per record
 * (ReportBatchItemFailures), so one bad message never makes the others send twice.
 * Records run one after another: a batch is at most 10 emails, and a duplicate of an event
 * inside one batch then finds the first one already sent.
 */
export function createBatchHandler(deps: BatchDeps) {
  const { logger, metrics } = deps;
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    if (context) logger.addContext(context);
    const counts: Record<Counter, number> = {
      EmailsSent: 0,
      EmailsSkipped: 0,
      DuplicatesSuppressed: 0,
      EmailsFailed: 0,
    };
    const batchItemFailures: SQSBatchItemFailure[] = [];

    for (const record of event.Records) {
      const base = { messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount };
      try {
        // The request that published the event (a checkout, a registration) continues its trace here.
        const outcome = await inConsumerSpan('process notification', traceCarrierOf(record), () =>
          processRecord(record, deps),
        );
        const ids = { ...base, eventId: outcome.event.id, eventType: outcome.event.type };
        if (outcome.result === 'sent') {
          counts.EmailsSent += 1;
          if (outcome.marked) logger.info('Email sent', { ...ids, template: outcome.template });
          else logger.error('Email sent but not recorded; a later redelivery may send it again', ids);
        } else if (outcome.result === 'duplicate') {
          counts.DuplicatesSuppressed += 1;
          logger.info('Email already sent for this event; nothing sent', {
            ...ids,
            template: outcome.template,
          });
        } else {
          counts.EmailsSkipped += 1;
          logger.info('No email for this event', { ...ids, reason: outcome.reason });
        }
      } catch (error) {
        counts.EmailsFailed += 1;
        batchItemFailures.push({ itemIdentifier: record.messageId });
        logFailure(logger, base, error);
      }
    }

    for (const [name, value] of Object.entries(counts)) metrics.addMetric(name, MetricUnit.Count, value);
    metrics.publishStoredMetrics();
    // The execution environment may freeze once this returns: the spans leave first.
    await flushTelemetry();
    return { batchItemFailures };
  };
}

// Lambda's SQS record spells attributes in camelCase; the body is the SNS notification.
function traceCarrierOf(record: SQSRecord): Record<string, string> {
  const attributes = Object.entries(record.messageAttributes ?? {}).map(([name, value]) => [
    name,
    { ...(value.stringValue !== undefined ? { StringValue: value.stringValue } : {}) },
  ]);
  return messageTraceCarrier({ Body: record.body, MessageAttributes: Object.fromEntries(attributes) });
}

function logFailure(logger: Logger, base: Record<string, unknown>, error: unknown): void {
  if (!(error instanceof RecordFailedError)) {
    logger.error('Record failed; it will be retried', { ...base, error: error as Error });
    return;
  }
  const fields = {
    ...base,
    reason: error.reason,
    ...(error.eventId ? { eventId: error.eventId, eventType: error.eventType } : {}),
    ...(error.cause instanceof Error ? { error: error.cause } : {}),
  };
  if (error.reason === 'in-progress') logger.warn('Email in flight elsewhere; retrying later', fields);
  else if (error.reason === 'send-failed' && isTransientSesError(error.cause)) {
    logger.warn('SES is busy or failing; the record will be retried', fields);
  } else logger.error(`${error.message}; it is retried, then moved to the DLQ`, fields);
}
