// What only an operator can see, read from the emulator: the sandbox's ledger in the orders
// table and the queues.
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Charges } from './invariants.js';

export interface Emulator {
  endpoint: string;
  region: string;
  ordersTable: string;
}

/** The sandbox payment provider's charges and refunds, by key (the order id), from the orders table. */
export async function charges(emulator: Emulator): Promise<Charges> {
  const db = new DynamoDBClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const found = new Map<string, { status: string; refunded: boolean }>();
  const refunds = new Set<string>();
  const pages = paginateScan(
    { client: db },
    {
      TableName: emulator.ordersTable,
      FilterExpression: 'begins_with(pk, :sandbox)',
      ExpressionAttributeValues: { ':sandbox': { S: 'SANDBOX_' } },
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) {
      const [kind, key] = (item.pk?.S ?? '').split('#');
      if (kind === 'SANDBOX_CHARGE' && key) found.set(key, { status: item.status?.S ?? '', refunded: false });
      if (kind === 'SANDBOX_REFUND' && key) refunds.add(key);
    }
  db.destroy();
  for (const key of refunds) {
    const charge = found.get(key);
    if (charge) charge.refunded = true;
  }
  return found;
}

/** Every queue of the emulator with the messages it holds, dead-letter queues marked. */
export async function queues(emulator: Emulator) {
  const sqs = new SQSClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
  const found = await Promise.all(
    QueueUrls.map(async (url) => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'RedrivePolicy',
            'QueueArn',
          ],
        }),
      );
      const redrive = Attributes.RedrivePolicy
        ? (JSON.parse(Attributes.RedrivePolicy) as { deadLetterTargetArn?: string })
        : undefined;
      return {
        name: url.split('/').pop()!,
        arn: Attributes.QueueArn,
        deadLetterOf: redrive?.deadLetterTargetArn,
        messages:
          Number(Attributes.ApproximateNumberOfMessages ?? 0) +
          Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      };
    }),
  );
  sqs.destroy();
  // A dead-letter queue is one another queue's redrive policy names.
  const deadLetterArns = new Set(found.map((q) => q.deadLetterOf).filter(Boolean));
  return found
    .map((q) => ({ name: q.name, messages: q.messages, deadLetter: deadLetterArns.has(q.arn) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
