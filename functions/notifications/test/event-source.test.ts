import { createHash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { MAX_RECEIVE_COUNT } from '@shopeasy/resources';
import { eventually } from '@shopeasy/service-kit/testing';
import { describe, expect, it } from 'vitest';
import { handler } from '../src/handler.js';
import { startEventSourceMapping, type BatchSummary } from '../src/local/event-source.js';
import { listSentEmails } from '../src/local/sent-emails.js';
import { customerEvents, emulatorEnv, snsNotificationBody, uniqueEmail } from './support/events.js';
import { createTestQueue, messagesIn, peek, QUEUE_WAIT, sqs } from './support/queues.js';

const { AWS_ENDPOINT_URL: endpoint, AWS_REGION: region } = emulatorEnv();

describe('local event-source mapping', () => {
  it('When a message waits on the queue, then the handler gets a Lambda-shaped SQS record and the message is deleted', async () => {
    const queue = await createTestQueue({ visibilityTimeout: 30 });
    const body = JSON.stringify({ hello: 'shape' });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: body,
        MessageAttributes: { type: { DataType: 'String', StringValue: 'order.paid' } },
      }),
    );
    const seen: SQSEvent[] = [];
    const mapping = startEventSourceMapping({
      sqs,
      queueUrl: queue.url,
      region,
      waitTimeSeconds: 1,
      handler: async (event) => {
        seen.push(event);
        return { batchItemFailures: [] };
      },
    });

    await eventually(() => expect(seen.length, 'the handler ran').toBeGreaterThan(0), QUEUE_WAIT);
    await mapping.stop();

    const record = seen[0]!.Records[0]!;
    expect(record).toMatchObject({
      body,
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${region}:123456789012:${queue.name}`,
      awsRegion: region,
      md5OfBody: createHash('md5').update(body).digest('hex'),
      messageAttributes: { type: { dataType: 'String', stringValue: 'order.paid' } },
    });
    expect(record.attributes.ApproximateReceiveCount).toBe('1');
    expect(Number(record.attributes.SentTimestamp)).toBeGreaterThan(0);
    expect(record.receiptHandle.length).toBeGreaterThan(0);
    expect(await messagesIn(queue.url)).toBe(0);
  });

  it('When stop is asked for during a batch, then the batch finishes and its messages are deleted first', async () => {
    const queue = await createTestQueue({ visibilityTimeout: 30 });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: '{}' }));
    let release: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const mapping = startEventSourceMapping({
      sqs,
      queueUrl: queue.url,
      region,
      waitTimeSeconds: 1,
      handler: async () => {
        started = true;
        await inFlight;
        return { batchItemFailures: [] };
      },
    });
    await eventually(() => expect(started, 'the batch started').toBe(true), QUEUE_WAIT);

    let stopped = false;
    const stopping = mapping.stop().then(() => (stopped = true));
    // A turn of the event loop: a stop() that did not wait for the batch would have ended by now.
    await setImmediate();
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(await messagesIn(queue.url)).toBe(0);
  });

  it('When a record fails every time, then it lands in the DLQ after maxReceiveCount receives and the rest are sent', async () => {
    const queue = await createTestQueue({ visibilityTimeout: 1, maxReceiveCount: MAX_RECEIVE_COUNT });
    const email = uniqueEmail('dlq-neighbour');
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'not json at all' }));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: snsNotificationBody(customerEvents(email).shipped),
      }),
    );
    const batches: BatchSummary[] = [];
    const mapping = startEventSourceMapping({
      sqs,
      queueUrl: queue.url,
      region,
      waitTimeSeconds: 1,
      handler,
      onBatch: (b) => batches.push(b),
    });

    const dead = await eventually(
      async () => {
        const messages = await peek(queue.dlqUrl!);
        expect(messages.length, 'the failing record reached the DLQ').toBeGreaterThan(0);
        return messages;
      },
      { ...QUEUE_WAIT, timeoutMs: 60_000 },
    );
    await mapping.stop();

    expect(dead.map((m) => m.Body)).toEqual(['not json at all']);
    expect(batches.reduce((n, b) => n + b.failed, 0)).toBe(MAX_RECEIVE_COUNT);
    expect(await messagesIn(queue.url)).toBe(0);
    expect(await listSentEmails(endpoint, { to: email })).toHaveLength(1);
  });
});
