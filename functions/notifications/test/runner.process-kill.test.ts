import { fileURLToPath } from 'node:url';
import { DeleteQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { eventually, killSpawned, spawnEntry } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSentEmails } from '../src/local/sent-emails.js';
import { customerEvents, emulatorEnv, snsNotificationBody, uniqueEmail } from './support/events.js';
import { createTestQueue, messagesIn, QUEUE_WAIT, sqs } from './support/queues.js';

const env = emulatorEnv();
let queueUrl: string;

// A queue of its own: the end-to-end runner test polls the provisioned one at the same time.
beforeAll(async () => {
  // What the killed runner took comes back 2 s later.
  queueUrl = (await createTestQueue({ visibilityTimeout: 2 })).url;
});

afterAll(async () => {
  // Whatever a failed test left running is stopped by PID.
  await killSpawned();
  if (queueUrl) await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
});

/** `src/local/runner.ts` as its own process, as `npm start` runs it, on this file's queue. */
async function spawnRunner(extra: Record<string, string> = {}) {
  const spawned = spawnEntry(fileURLToPath(new URL('..', import.meta.url)), 'src/local/runner.ts', {
    NOTIFICATIONS_QUEUE_URL: queueUrl,
    RUNNER_WAIT_SECONDS: '1',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    // A dead attempt's claim lapses after 1 s, so the redelivery may send what it never sent.
    CLAIM_LEASE_SECONDS: '1',
    ...extra,
  });
  await spawned.logged('Polling the notifications queue');
  return spawned;
}

describe('the notifications runner killed mid-send', () => {
  it('When it is killed after claiming an email of its batch and before sending it, then after restart each email goes out exactly once', async () => {
    const email = uniqueEmail('kill');
    const events = customerEvents(email);
    for (const event of [events.registered, events.paid, events.shipped])
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: snsNotificationBody(event) }));

    const first = await spawnRunner({ FAULT_PAUSE_AFTER: 'email-claimed:15000' });
    await first.logged('fault pause', 15_000);
    await first.kill();
    expect(await listSentEmails(env.AWS_ENDPOINT_URL, { to: email })).toEqual([]);

    const second = await spawnRunner();
    await eventually(async () => expect(await messagesIn(queueUrl)).toBe(0), QUEUE_WAIT);
    await second.kill();

    const sent = await listSentEmails(env.AWS_ENDPOINT_URL, { to: email });
    expect(sent.map((e) => e.subject).sort()).toEqual([
      'Welcome to ShopEasy',
      `Your ShopEasy order ${events.orderId} is confirmed`,
      `Your ShopEasy order ${events.orderId} is on its way`,
    ]);
  }, 60_000);
});
