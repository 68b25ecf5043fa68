import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createBatchHandler } from '../src/batch-handler.js';
import { awsClientConfig, loadConfig } from '../src/config.js';
import { createEmailRecords, emailRecordKey } from '../src/data-access/email-records.js';
import { createSesSender } from '../src/email/ses-sender.js';
import { handler } from '../src/handler.js';
import { listSentEmails } from '../src/local/sent-emails.js';
import { createLogger, createMetrics } from '../src/observability.js';
import { customerEvents, emulatorEnv, eventRecord, uniqueEmail } from './support/events.js';

const { AWS_ENDPOINT_URL: endpoint, EMAILS_TABLE } = emulatorEnv();
const config = loadConfig();
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(config)));

/** A record left by an earlier attempt that claimed the email and never marked it sent. */
async function leaveClaim(eventId: string, recipient: string, leaseUntil: number) {
  await dynamo.send(
    new PutCommand({
      TableName: EMAILS_TABLE,
      Item: {
        ...emailRecordKey({ eventId, recipient }),
        status: 'sending',
        claimToken: 'earlier',
        leaseUntil,
      },
    }),
  );
}

describe('notifications handler: a redelivered event sends no second email', () => {
  it('When the same message is delivered again, then the customer still has exactly one email', async () => {
    const email = uniqueEmail('redelivered');
    const record = eventRecord(customerEvents(email).paid);

    const first = await handler({ Records: [record] });
    const second = await handler({
      Records: [{ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '2' } }],
    });

    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(await listSentEmails(endpoint, { to: email })).toHaveLength(1);
  });

  it('When SNS delivers one event as two messages in one batch, then one email is sent and both are done', async () => {
    const email = uniqueEmail('twice');
    const { shipped } = customerEvents(email);

    const result = await handler({ Records: [eventRecord(shipped), eventRecord(shipped)] });

    expect(result.batchItemFailures).toEqual([]);
    expect(await listSentEmails(endpoint, { to: email })).toHaveLength(1);
  });

  it('When another attempt is still sending the email, then nothing is sent and the record is retried later', async () => {
    const email = uniqueEmail('in-flight');
    const { shipped } = customerEvents(email);
    await leaveClaim(shipped.id, email, Date.now() + 60_000);
    const record = eventRecord(shipped);

    const result = await handler({ Records: [record] });

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(await listSentEmails(endpoint, { to: email })).toEqual([]);
  });

  it('When an earlier attempt died after claiming and its lease ran out, then the retry sends the email once', async () => {
    const email = uniqueEmail('crashed');
    const { cancelled } = customerEvents(email);
    await leaveClaim(cancelled.id, email, Date.now() - 1000);
    const record = eventRecord(cancelled);

    const first = await handler({ Records: [record] });
    const again = await handler({ Records: [record] });

    expect(first.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    expect(await listSentEmails(endpoint, { to: email })).toHaveLength(1);
    const stored = await dynamo.send(
      new GetCommand({
        TableName: EMAILS_TABLE,
        Key: emailRecordKey({ eventId: cancelled.id, recipient: email }),
      }),
    );
    expect(stored.Item).toMatchObject({ status: 'sent' });
  });

  it('When SES refuses the email, then the record fails and the next delivery sends it without waiting for a lease', async () => {
    const email = uniqueEmail('refused');
    const record = eventRecord(customerEvents(email).registered);
    const refusing = createBatchHandler({
      records: createEmailRecords(dynamo, { table: EMAILS_TABLE, leaseSeconds: 600, ttlDays: 1 }),
      // Not a verified identity: SES answers MessageRejected.
      sender: createSesSender(new SESv2Client(awsClientConfig(config)), 'someone@unverified.example'),
      logger: createLogger(),
      metrics: createMetrics(),
    });

    const refused = await refusing({ Records: [record] });
    const retried = await handler({ Records: [record] });

    expect(refused.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(retried.batchItemFailures).toEqual([]);
    expect(await listSentEmails(endpoint, { to: email })).toHaveLength(1);
  });

  it('When the address differs only in letter case, then it counts as the same recipient', async () => {
    const email = uniqueEmail('case');
    const { paid } = customerEvents(email);
    const upper = { ...paid, data: { ...paid.data, email: email.toUpperCase() } };

    await handler({ Records: [eventRecord(paid)] });
    const result = await handler({ Records: [eventRecord(upper)] });

    expect(result.batchItemFailures).toEqual([]);
    expect(await listSentEmails(endpoint, { to: email })).toHaveLength(1);
  });
});
