import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PK, SK, TTL_ATTRIBUTE } from '@shopeasy/resources';
import { isConditionFailed, tableReadiness } from '@shopeasy/service-kit/aws';
import type { CartLine } from '../domain/model.js';
import type { CartStore } from '../domain/ports.js';

// One item per shopper: the whole cart is read and written at once, guarded by its version.
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

    async save(cart, changedAt, expiresAt) {
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
