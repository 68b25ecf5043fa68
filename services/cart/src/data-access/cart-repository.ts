import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CART_OUTBOX_ATTRIBUTE } from '@shopeasy/events';
import { TTL_ATTRIBUTE } from '@shopeasy/resources';
import { isConditionFailed, tableReadiness } from '@shopeasy/service-kit/aws';
import type { CartStore } from '../domain/ports.js';
import { fromStored, keyOf, outboxOf, toStored, versionCondition, type StoredLine } from './cart-item.js';
import { mergeCarts } from './cart-merge.js';

// One item per shopper (CART#<userId>, guest carts CART#guest_<token hash>): read and written
// whole, guarded by its version, with the events of each write as its outbox.

export interface CartRepository extends CartStore {
  /** Answers when the table can be read (readiness). */
  ping(): Promise<void>;
}

export function createCartRepository(db: DynamoDBDocumentClient, table: string): CartRepository {
  const readiness = tableReadiness(db, table, 'cart-table');
  return {
    async load(userId, now) {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keyOf(userId), ConsistentRead: true }),
      );
      if (!Item) return { userId, lines: [], version: 0 };
      const version = Item.version as number;
      // TTL deletes expired items within days, not at once: until then the cart reads as empty.
      const expired = typeof Item[TTL_ATTRIBUTE] === 'number' && Item[TTL_ATTRIBUTE] * 1000 <= now.getTime();
      // A merged guest cart stays (its outbox must reach the stream) until TTL deletes it.
      if (expired || Item.endedAt) return { userId, lines: [], version, ended: true };
      return {
        userId,
        lines: (Item.lines as StoredLine[]).map(fromStored),
        version,
        updatedAt: Item.updatedAt as string,
      };
    },

    async save(cart, changes, changedAt, expiresAt) {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keyOf(cart.userId),
              userId: cart.userId,
              lines: cart.lines.map(toStored),
              version: cart.version + 1,
              updatedAt: changedAt.toISOString(),
              [TTL_ATTRIBUTE]: expiresAt,
              ...(changes.length > 0 ? { [CART_OUTBOX_ATTRIBUTE]: outboxOf(changes, changedAt) } : {}),
            },
            ...versionCondition(cart.version),
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    merge: (into, guest, mergedAt) => mergeCarts(db, table, into, guest, mergedAt),

    ping: () => readiness.check(),
  };
}
