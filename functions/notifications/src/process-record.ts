import type { SQSRecord } from 'aws-lambda';
import { parseSnsEnvelope, type DomainEnvelope } from '@shopeasy/events';
import { faultPause } from '@shopeasy/service-kit/config';
import type { EmailRecords } from './data-access/email-records.js';
import { notificationFor, type TemplateName } from './domain/notification-for.js';
import type { EmailSender } from './email/ses-sender.js';

export interface RecordDeps {
  records: EmailRecords;
  sender: EmailSender;
}

/** How a record that needs no retry ended. */
export type RecordOutcome =
  | { result: 'sent'; event: DomainEnvelope; template: TemplateName; marked: boolean }
  | { result: 'skipped'; event: DomainEnvelope; reason: string }
  | { result: 'duplicate'; event: DomainEnvelope; template: TemplateName };

/** A record that must be delivered again later (SQS retries it, then moves it to the DLQ). */
export class RecordFailedError extends Error {
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;

  constructor(
    message: string,
    readonly reason: 'malformed' | 'in-progress' | 'send-failed' | 'store-failed',
    // Only the event's id and type are kept: the error is logged, the customer's data is not.
    event?: DomainEnvelope,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordFailedError';
    this.eventId = event?.id;
    this.eventType = event?.type;
  }
}

/**
 * One SQS record: read the event, decide the email, claim it, send it, mark it sent.
 * Returns when the record is done with; throws RecordFailedError when it must be retried.
 */
export async function processRecord(record: SQSRecord, deps: RecordDeps): Promise<RecordOutcome> {
  let event: DomainEnvelope;
  let notification: ReturnType<typeof notificationFor>;
  try {
    event = parseSnsEnvelope(record.body);
    notification = notificationFor(event);
  } catch (error) {
    // Not JSON, not an envelope, or an emailed event without its fields: no retry will fix it,
    // but it stays visible in the DLQ after maxReceiveCount instead of vanishing.
    // JSON.parse quotes part of the body in its message; the body may hold customer data.
    if (error instanceof SyntaxError) throw new RecordFailedError('Message body is not JSON', 'malformed');
    throw new RecordFailedError(`Unreadable message: ${(error as Error).message}`, 'malformed');
  }
  if (notification.action === 'skip') return { result: 'skipped', event, reason: notification.reason };

  const { template, to, content } = notification;
  const key = { eventId: event.id, recipient: to };
  const claim = await storeStep(event, () => deps.records.claim(key, event.type));
  if (claim.outcome === 'sent') return { result: 'duplicate', event, template };
  if (claim.outcome === 'in-progress') {
    throw new RecordFailedError('Another attempt is sending this email', 'in-progress', event);
  }
  // Armed only by the local runner in a fault test; the Lambda never pauses.
  await faultPause('email-claimed');

  let messageId: string | undefined;
  try {
    messageId = await deps.sender.send(to, content, { template });
  } catch (error) {
    await deps.records.release(key, claim.token).catch(() => {
      // The claim then simply expires after its lease.
    });
    throw new RecordFailedError('SES did not accept the email', 'send-failed', event, { cause: error });
  }
  // The customer has the email now: a failed mark must not turn into a retry that sends again.
  const marked = await deps.records.markSent(key, messageId).then(
    () => true,
    () => false,
  );
  return { result: 'sent', event, template, marked };
}

async function storeStep<T>(event: DomainEnvelope, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new RecordFailedError('The emails table did not answer', 'store-failed', event, { cause: error });
  }
}
