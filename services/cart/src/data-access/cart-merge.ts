import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CART_OUTBOX_ATTRIBUTE } from '@shopeasy/events';
import { TTL_ATTRIBUTE } from '@shopeasy/resources';
import { cancellationCodes } from '@shopeasy/service-kit/aws';
import type { CartWrite } from '../domain/ports.js';
import { keyOf, outboxOf, toStored, versionCondition } from './cart-item.js';

/**
 * The merge as one TransactWrite: the customer's cart and the ended guest cart, each put on
 * condition of the version that was read. The guest cart is written, not deleted: its removal
 * events must reach the stream, and a delete's record carries no new image. TTL deletes it later.
 */
export async function mergeCarts(
  db: DynamoDBDocumentClient,
  table: string,
  into: CartWrite,
  guest: CartWrite,
  mergedAt: Date,
): Promise<boolean> {
  const at = mergedAt.toISOString();
  const put = (write: CartWrite, extra: Record<string, unknown>) => ({
    Put: {
      TableName: table,
      Item: {
        ...keyOf(write.cart.userId),
        userId: write.cart.userId,
        lines: write.cart.lines.map(toStored),
        version: write.cart.version + 1,
        updatedAt: at,
        [TTL_ATTRIBUTE]: write.expiresAt,
        ...(write.changes.length > 0 ? { [CART_OUTBOX_ATTRIBUTE]: outboxOf(write.changes, mergedAt) } : {}),
        ...extra,
      },
      ...versionCondition(write.cart.version),
    },
  });
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [put(into, {}), put(guest, { endedAt: at, mergedInto: into.cart.userId })],
      }),
    );
    return true;
  } catch (error) {
    // A version moved, or a concurrent transaction held an item: read both again and decide again.
    const codes = cancellationCodes(error);
    if (codes?.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict'))
      return false;
    throw error;
  }
}
