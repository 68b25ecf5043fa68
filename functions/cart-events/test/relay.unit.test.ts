import type { Logger } from '@aws-lambda-powertools/logger';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  CART_KEY_SPREAD,
  inventoryPartitionKey,
  type CartOutbox,
  type InventoryEvent,
} from '@shopeasy/events';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createRelay } from '../src/relay.js';

let sequence = 100;

/** A cart table stream record: the cart item as the write left it, with its outbox. */
function cartWrite(userId: string, outbox?: CartOutbox | Record<string, unknown>): DynamoDBRecord {
  const item = {
    pk: `CART#${userId}`,
    sk: 'CART',
    userId,
    lines: [],
    version: 1,
    ...(outbox ? { outbox } : {}),
  };
  return {
    eventID: `e${sequence}`,
    eventName: 'MODIFY',
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
      NewImage: marshall(item, { removeUndefinedValues: true }) as never,
      SequenceNumber: String(sequence++),
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

const outbox = (...deltas: [string, number][]): CartOutbox => ({
  occurredAt: '2026-12-07T10:00:00.000Z',
  trace: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  events: deltas.map(([productId, quantityDelta]) => ({
    id: `evt_${productId}_${sequence}_${quantityDelta}`,
    type: quantityDelta > 0 ? 'cart.item.added' : 'cart.item.removed',
    productId,
    quantityDelta,
  })),
});

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => lines.push({ level, message });
  const logger = { info: log('info'), warn: log('warn'), error: log('error') } as unknown as Logger;
  return { logger, lines };
}

/** An inventory stream that takes everything, or refuses the events `refuse` picks. */
function stream(refuse: (event: InventoryEvent) => boolean = () => false) {
  const put: InventoryEvent[][] = [];
  return {
    put,
    deps: async (events: readonly InventoryEvent[]) => {
      put.push([...events]);
      // As putInventoryEvents does, the refused events come back as copies, not the objects given.
      return events.filter(refuse).map((event) => ({ ...event }));
    },
  };
}

const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('relaying the cart table stream to the inventory stream', () => {
  it('When cart writes carry outboxes, then their events go on the stream in write order, with the shopper, time and trace of the write', async () => {
    const inventory = stream();
    const { logger } = recordingLogger();
    const relay = createRelay({ put: inventory.deps, logger });

    const result = await relay(
      batch(
        cartWrite('usr_a', outbox(['prd_1', 2])),
        cartWrite('usr_b', outbox(['prd_1', 1], ['prd_2', -3])),
      ),
    );

    expect(result.batchItemFailures).toEqual([]);
    const events = inventory.put.flat();
    expect(events.map((e) => [e.productId, e.quantityDelta, 'userId' in e && e.userId])).toEqual([
      ['prd_1', 2, 'usr_a'],
      ['prd_1', 1, 'usr_b'],
      ['prd_2', -3, 'usr_b'],
    ]);
    for (const event of events) {
      expect(event.occurredAt).toBe('2026-12-07T10:00:00.000Z');
      expect(event.trace?.traceparent).toMatch(/^00-0af7/);
    }
  });

  it("When the stream refuses one write's events, then the batch answers that write, and none before it, to be retried", async () => {
    const first = cartWrite('usr_a', outbox(['prd_1', 1]));
    const refused = cartWrite('usr_b', outbox(['prd_2', 1]));
    const after = cartWrite('usr_c', outbox(['prd_3', 1]));
    const inventory = stream((event) => event.productId === 'prd_2');
    const { logger, lines } = recordingLogger();

    const result = await createRelay({ put: inventory.deps, logger })(batch(first, refused, after));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: refused.dynamodb!.SequenceNumber }]);
    expect(lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('When the put fails as a whole, then the first write of the batch is answered, so the event source retries all of it', async () => {
    const first = cartWrite('usr_a', outbox(['prd_1', 1]));
    const { logger } = recordingLogger();
    const relay = createRelay({ put: () => Promise.reject(new Error('throttled')), logger });

    const result = await relay(batch(first, cartWrite('usr_b', outbox(['prd_2', 1]))));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: first.dynamodb!.SequenceNumber }]);
  });

  it('When a record has no outbox (a deleted cart, a write that held nothing new), then nothing is put', async () => {
    const inventory = stream();
    const { logger } = recordingLogger();
    const removed: DynamoDBRecord = {
      eventID: 'gone',
      eventName: 'REMOVE',
      dynamodb: { SequenceNumber: '1' },
    };

    const result = await createRelay({ put: inventory.deps, logger })(batch(cartWrite('usr_a'), removed));

    expect(result.batchItemFailures).toEqual([]);
    expect(inventory.put.flat()).toEqual([]);
  });

  it('When an outbox is malformed, then it is logged as an error and skipped, and the batch does not stick on it', async () => {
    const inventory = stream();
    const { logger, lines } = recordingLogger();

    const result = await createRelay({ put: inventory.deps, logger })(
      batch(
        cartWrite('usr_a', { occurredAt: 'x', events: [{ id: 1 }] }),
        cartWrite('usr_b', outbox(['prd_9', 1])),
      ),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(inventory.put.flat().map((e) => e.productId)).toEqual(['prd_9']);
    expect(lines).toContainEqual({ level: 'error', message: expect.stringContaining('malformed outbox') });
  });

  it("When many shoppers hold one product, then its events spread over a few shard keys, each shopper's on one", () => {
    const keys = new Map<string, string>();
    for (let n = 0; n < 40; n++) {
      const event: InventoryEvent = {
        id: `evt_${n}`,
        type: 'cart.item.added',
        productId: 'prd_hot',
        userId: `usr_${n}`,
        quantityDelta: 1,
        occurredAt: '2026-12-07T10:00:00.000Z',
      };
      const key = inventoryPartitionKey(event);
      expect(inventoryPartitionKey({ ...event, id: 'evt_again', quantityDelta: -1 })).toBe(key);
      keys.set(event.userId, key);
    }
    const distinct = new Set(keys.values());
    // 40 shoppers over 4 keys all on fewer than 3: odds below one in a billion.
    expect(distinct.size).toBeGreaterThan(2);
    expect(distinct.size).toBeLessThanOrEqual(CART_KEY_SPREAD);
    for (const key of distinct) expect(key).toMatch(/^prd_hot#[0-3]$/);
  });
});
