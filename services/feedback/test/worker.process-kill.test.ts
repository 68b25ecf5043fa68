import { fileURLToPath } from 'node:url';
import { eventually, killSpawned, spawnEntry } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewAcceptedEventId } from '../src/index.js';
import { NOT_A_BUYER } from '../src/domain/process-review.js';
import { startFeedback, type FeedbackHarness } from './support/feedback-service.js';
import { WORKER_PATIENCE } from './support/http.js';
import { listenToTopic, type TopicListener } from './support/topic-listener.js';

let service: FeedbackHarness;
let topic: TopicListener;

// The API in-process without its worker: only the spawned worker takes the test queue's messages.
beforeAll(async () => {
  service = await startFeedback({ worker: false });
  topic = await listenToTopic(service.config.EVENTS_TOPIC_ARN);
});

afterAll(async () => {
  // Whatever a failed test left running is stopped by PID.
  await killSpawned();
  await topic?.stop();
  await service?.stop();
});

/** `src/worker/run.ts` as its own process (`npm run worker`), on the harness's queue, table and peers. */
async function spawnWorker(env: Record<string, string> = {}) {
  const settings = Object.fromEntries(
    Object.entries(service.config).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
  const spawned = spawnEntry(fileURLToPath(new URL('..', import.meta.url)), 'src/worker/run.ts', {
    ...settings,
    LOG_LEVEL: 'info',
    WORKER_WAIT_SECONDS: '1',
    // What the killed worker took comes back 2 s later, not after the queue's 60 s.
    WORKER_VISIBILITY_TIMEOUT_SECONDS: '2',
    ...env,
  });
  await spawned.logged('feedback consumer started');
  return spawned;
}

describe('the feedback worker killed mid-batch', () => {
  it('When it is killed after deciding a review of its batch and restarted, then every review is decided once and each accepted one announced once', async () => {
    const productId = service.product();
    const buyers = await Promise.all([1, 2, 3].map(() => service.buyerOf(productId)));
    const stranger = await service.shopper();
    const submitted = await Promise.all(
      [...buyers, stranger].map(async (who) => ({ who, id: (await service.submit(who, productId)).body.id })),
    );
    expect(await service.queues.depth()).toBe(4);

    const first = await spawnWorker({ FAULT_PAUSE_AFTER: 'review-decided:15000' });
    await first.logged('fault pause', 15_000);
    await first.kill();
    // The window: a decision is written, its announcement and the message's deletion are not.
    const atKill = await Promise.all(submitted.map(({ who, id }) => service.getReview(who, id)));
    expect(atKill.some((r) => r.body.status !== 'pending')).toBe(true);
    await topic.drain();
    expect(submitted.flatMap(({ id }) => topic.acceptedEventsOf(id))).toEqual([]);
    const second = await spawnWorker();
    await eventually(async () => expect(await service.queues.depth()).toBe(0), WORKER_PATIENCE);
    const decided = await Promise.all(submitted.map(({ who, id }) => service.decided(who, id)));
    await second.kill();
    await topic.drain();

    expect(decided.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
    expect(decided[3]?.rejectionReason).toBe(NOT_A_BUYER);
    const listed = (await service.list(productId)).body.items.map((r) => r.id);
    expect(listed.sort()).toEqual(
      submitted
        .slice(0, 3)
        .map((s) => s.id)
        .sort(),
    );
    for (const { id } of submitted.slice(0, 3))
      expect(topic.acceptedEventsOf(id).map((e) => e.id)).toEqual([reviewAcceptedEventId(id)]);
    expect(topic.acceptedEventsOf(submitted[3]!.id)).toEqual([]);
    expect(await service.queues.deadLetters()).toEqual([]);
  }, 60_000);
});
