import { describe, expect, it } from 'vitest';
import { handler } from '../src/handler.js';
import { listSentEmails } from '../src/local/sent-emails.js';
import {
  customerEvents,
  emulatorEnv,
  eventRecord,
  snsNotificationBody,
  sqsRecord,
  uniqueEmail,
} from './support/events.js';

const { AWS_ENDPOINT_URL: endpoint } = emulatorEnv();

describe('notifications handler: partial batch failures', () => {
  it('When one record of a batch is not JSON, then exactly that record is reported and the others are sent', async () => {
    const first = uniqueEmail('batch-a');
    const second = uniqueEmail('batch-b');
    const bad = sqsRecord('{"Type":"Notification","Message":');

    const result = await handler({
      Records: [
        eventRecord(customerEvents(first).registered),
        bad,
        eventRecord(customerEvents(second).shipped),
      ],
    });

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
    expect(await listSentEmails(endpoint, { to: first })).toHaveLength(1);
    expect(await listSentEmails(endpoint, { to: second })).toHaveLength(1);
  });

  it('When a record is JSON but not a ShopEasy event, or an order.paid without lines, then each is reported', async () => {
    const email = uniqueEmail('malformed');
    const { paid } = customerEvents(email);
    const notAnEvent = sqsRecord(JSON.stringify({ hello: 'world' }));
    const withoutLines = sqsRecord(snsNotificationBody({ ...paid, data: { ...paid.data, items: [] } }));
    const good = eventRecord(customerEvents(uniqueEmail('malformed-ok')).shipped);

    const result = await handler({ Records: [notAnEvent, withoutLines, good] });

    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: notAnEvent.messageId },
      { itemIdentifier: withoutLines.messageId },
    ]);
    expect(await listSentEmails(endpoint, { to: email })).toEqual([]);
  });
});
