import { randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import { type DomainEnvelope, domainEvent, type OrderLine } from '@shopeasy/events';

/** The emulator's endpoint and resources, as the global setup exported them. */
export function emulatorEnv() {
  const { AWS_ENDPOINT_URL, AWS_REGION, EVENTS_TOPIC_ARN, EMAILS_TABLE, SES_FROM } = process.env;
  if (!AWS_ENDPOINT_URL || !AWS_REGION || !EVENTS_TOPIC_ARN || !EMAILS_TABLE || !SES_FROM) {
    throw new Error('The emulator global setup did not export its environment');
  }
  return { AWS_ENDPOINT_URL, AWS_REGION, EVENTS_TOPIC_ARN, EMAILS_TABLE, SES_FROM };
}

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;
const id = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const usd = (amount: number) => ({ amount, currency: 'USD' });

const lines: OrderLine[] = [
  { productId: 'prd_1', name: 'Espresso Cups', quantity: 2, unitPrice: usd(1250), lineTotal: usd(2500) },
  { productId: 'prd_2', name: 'Coffee Beans', quantity: 1, unitPrice: usd(1899), lineTotal: usd(1899) },
];

/** One customer's events, each with its own id, as the users and orders services publish them. */
export function customerEvents(email: string | undefined, name = 'Grace Hopper', orderId = id('ord')) {
  const userId = id('usr');
  const mail = email === undefined ? {} : { email };
  return {
    orderId,
    registered: domainEvent('user.registered', { userId, email: email ?? '', name }),
    placed: domainEvent('order.placed', { orderId, userId, ...mail, items: lines, total: usd(4399) }),
    paid: domainEvent('order.paid', {
      orderId,
      userId,
      ...mail,
      items: lines,
      total: usd(4399),
      payment: { provider: 'sandbox', reference: id('ch') },
    }),
    cancelled: domainEvent('order.cancelled', { orderId, userId, ...mail, refunded: true, total: usd(4399) }),
    shipped: domainEvent('order.shipped', { orderId, userId, ...mail }),
  };
}

/** The body SNS puts on a subscribed queue without raw message delivery. */
export function snsNotificationBody(event: DomainEnvelope): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: emulatorEnv().EVENTS_TOPIC_ARN,
    Message: JSON.stringify(event),
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    MessageAttributes: { type: { Type: 'String', Value: event.type } },
  });
}

/** An SQS record as Lambda's event source delivers it. */
export function sqsRecord(body: string, messageId: string = randomUUID()): SQSRecord {
  const now = String(Date.now());
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: now,
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:shopeasy-local-notifications',
    awsRegion: 'us-east-1',
  };
}

export const eventRecord = (event: DomainEnvelope, messageId?: string) =>
  sqsRecord(snsNotificationBody(event), messageId);
