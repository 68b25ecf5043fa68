import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { DeleteMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../src/public/aws.js';
import { readJson, startStubServer, type StubServer } from '../src/testing/index.js';

// The AWS endpoints, as little as the SDK needs to take each answer: JSON for the JSON protocols
// (DynamoDB, SQS, Kinesis, SES v2), XML for SNS's query protocol, the body's MD5 for SendMessage.
let aws: StubServer;
let dir: string;
let log: string;

beforeAll(async () => {
  aws = await startStubServer(async (req, res) => {
    if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      for await (const _ of req);
      res.setHeader('content-type', 'text/xml');
      res.end('<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>');
      return;
    }
    const body = (await readJson(req)) as { MessageBody?: string } | undefined;
    const md5 = body?.MessageBody && createHash('md5').update(body.MessageBody).digest('hex');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(md5 ? { MessageId: 'm-1', MD5OfMessageBody: md5 } : {}));
  });
  dir = mkdtempSync(join(tmpdir(), 'aws-call-log-'));
});
afterAll(async () => {
  await aws.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.AWS_CALL_LOG;
});

const settings = () => ({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: aws.url });
const lines = () =>
  readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
const table = 'shopeasy-local-catalog';
const queueUrl = 'http://127.0.0.1:4566/123456789012/shopeasy-local-feedback-reviews';

describe('recording the AWS calls a process makes', () => {
  it('When AWS_CALL_LOG names a file, then each distinct call is one line: component, service, IAM action, resources', async () => {
    log = join(dir, 'calls.jsonl');
    process.env.AWS_CALL_LOG = log;
    const clients = createAwsClients(settings(), 'catalog');

    const query = new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'CATEGORY#books' },
    });
    await clients.dynamo.send(query);
    await clients.dynamo.send(query);
    await clients.dynamo.send(new GetCommand({ TableName: table, Key: { pk: 'P', sk: 'P' } }));
    await clients.dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: 'A', sk: 'A' } } },
          { Put: { TableName: 'shopeasy-local-orders', Item: { pk: 'B', sk: 'B' } } },
          { ConditionCheck: { TableName: table, Key: { pk: 'C', sk: 'C' }, ConditionExpression: 'x = :x' } },
        ],
      }),
    );
    await clients.dynamo.send(
      new TransactGetCommand({ TransactItems: [{ Get: { TableName: table, Key: { pk: 'A', sk: 'A' } } }] }),
    );
    await clients.dynamo.send(
      new BatchWriteCommand({ RequestItems: { [table]: [{ PutRequest: { Item: { pk: 'D', sk: 'D' } } }] } }),
    );
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hello' }));
    await clients.sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: [{ Id: '1', ReceiptHandle: 'r' }] }),
    );
    await clients.sns.send(
      new PublishCommand({
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:shopeasy-local-events',
        Message: '{}',
      }),
    );
    await clients.kinesis.send(
      new PutRecordsCommand({
        StreamName: 'shopeasy-local-inventory',
        Records: [{ PartitionKey: 'p', Data: new Uint8Array([1]) }],
      }),
    );
    await clients.kinesis.send(
      new GetShardIteratorCommand({
        StreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/shopeasy-local-inventory',
        ShardId: 'shardId-000000000000',
        ShardIteratorType: 'LATEST',
      }),
    );
    await clients.kinesis.send(new GetRecordsCommand({ ShardIterator: 'opaque' }));
    await clients.ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'ShopEasy <no-reply@shopeasy.example>',
        Destination: { ToAddresses: ['ada@example.com'] },
        Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'Hello' } } } },
      }),
    );
    clients.destroy();

    const catalog = (service: string, action: string, resources: unknown[]) => ({
      component: 'catalog',
      service,
      action,
      resources,
    });
    expect(lines()).toEqual([
      catalog('dynamodb', 'dynamodb:Query', [{ type: 'table', name: table, index: 'gsi1' }]),
      catalog('dynamodb', 'dynamodb:GetItem', [{ type: 'table', name: table }]),
      // A transaction is authorized as the action of each item, on each item's table.
      catalog('dynamodb', 'dynamodb:PutItem', [
        { type: 'table', name: table },
        { type: 'table', name: 'shopeasy-local-orders' },
      ]),
      catalog('dynamodb', 'dynamodb:ConditionCheckItem', [{ type: 'table', name: table }]),
      // The GetItem of the transaction is the line already written.
      catalog('dynamodb', 'dynamodb:BatchWriteItem', [{ type: 'table', name: table }]),
      catalog('sqs', 'sqs:SendMessage', [{ type: 'queue', name: 'shopeasy-local-feedback-reviews' }]),
      catalog('sqs', 'sqs:DeleteMessage', [{ type: 'queue', name: 'shopeasy-local-feedback-reviews' }]),
      catalog('sns', 'sns:Publish', [{ type: 'topic', name: 'shopeasy-local-events' }]),
      catalog('kinesis', 'kinesis:PutRecords', [{ type: 'stream', name: 'shopeasy-local-inventory' }]),
      catalog('kinesis', 'kinesis:GetShardIterator', [{ type: 'stream', name: 'shopeasy-local-inventory' }]),
      // Its shard iterator names no stream: the one the client last named.
      catalog('kinesis', 'kinesis:GetRecords', [{ type: 'stream', name: 'shopeasy-local-inventory' }]),
      catalog('ses', 'ses:SendEmail', [
        { type: 'identity', name: 'no-reply@shopeasy.example' },
        { type: 'identity', name: 'shopeasy.example' },
      ]),
    ]);
  });

  it('When AWS_CALL_LOG is unset, then the clients get no recorder and nothing is written', async () => {
    log = join(dir, 'unset.jsonl');
    const clients = createAwsClients(settings(), 'catalog');
    await clients.dynamo.send(new GetCommand({ TableName: table, Key: { pk: 'P', sk: 'P' } }));
    expect(clients.dynamo.middlewareStack.identify().join()).not.toMatch(/AwsCallLog/);
    clients.destroy();
    expect(() => readFileSync(log)).toThrow(/ENOENT/);
  });
});
