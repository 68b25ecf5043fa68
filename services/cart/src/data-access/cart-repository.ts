import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CART_OUTBOX_ATTRIBUTE, type CartOutbox } from '@shopeasy/events';
import { PK, SK, TTL_ATTRIBUTE } from '@shopeasy/resources';
import { isConditionFailed, tableReadiness } from '@shopeasy/service-kit/aws';
import { newId } from '@shopeasy/service-kit/ids';
import { traceCarrier } from '@shopeasy/service-kit/telemetry';
import type { CartLine, InventoryChange } from '../domain/model.js';
import type { CartStore } from '../domain/ports.js';

// One item per shopper: the whole cart is read and written at once, guarded by its version, with
// the events of the write as its outbox (CartOutbox; functions/cart-events relays them).
const keyOf = (userId: string) => ({ [PK]: `CART#${userId}`, [SK]: 'CART' });

interface StoredLine {
  productId: string;
  name: string;
  quantity: number;
  unitAmount: number;
  currency: string;
  addedAt: string;
}

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
      if (expired) return { userId, lines: [], version };
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
            ...(cart.version === 0
              ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } }
              : {
                  ConditionExpression: '#version = :read',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':read': cart.version },
                }),
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    ping: () => readiness.check(),
  };
}

function toStored(line: CartLine): StoredLine {
  const { productId, name, quantity, unitPrice, addedAt } = line;
  return { productId, name, quantity, unitAmount: unitPrice.amount, currency: unitPrice.currency, addedAt };
}

function fromStored(line: StoredLine): CartLine {
  const { productId, name, quantity, unitAmount, currency, addedAt } = line;
  return { productId, name, quantity, unitPrice: { amount: unitAmount, currency }, addedAt };
}

/** The write's inventory events, with their ids: a relay retried puts the same events again. */
function outboxOf(changes: readonly InventoryChange[], changedAt: Date): CartOutbox {
  const trace = traceCarrier();
  return {
    occurredAt: changedAt.toISOString(),
    ...(Object.keys(trace).length > 0 ? { trace } : {}),
    events: changes.map(({ type, productId, quantityDelta }) => ({
      id: newId('evt'),
      type,
      productId,
      quantityDelta,
    })),
  };
}
