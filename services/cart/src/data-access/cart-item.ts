import type { CartOutbox } from '@shopeasy/events';
import { PK, SK } from '@shopeasy/resources';
import { newId } from '@shopeasy/service-kit/ids';
import { traceCarrier } from '@shopeasy/service-kit/telemetry';
import type { CartLine, InventoryChange } from '../domain/model.js';

// One item per shopper: the whole cart is read and written at once, guarded by its version, with
// the events of the write as its outbox (CartOutbox; functions/cart-events relays them).
export const keyOf = (userId: string) => ({ [PK]: `CART#${userId}`, [SK]: 'CART' });

export interface StoredLine {
  productId: string;
  name: string;
  quantity: number;
  unitAmount: number;
  currency: string;
  addedAt: string;
}

export function toStored(line: CartLine): StoredLine {
  const { productId, name, quantity, unitPrice, addedAt } = line;
  return { productId, name, quantity, unitAmount: unitPrice.amount, currency: unitPrice.currency, addedAt };
}

export function fromStored(line: StoredLine): CartLine {
  const { productId, name, quantity, unitAmount, currency, addedAt } = line;
  return { productId, name, quantity, unitPrice: { amount: unitAmount, currency }, addedAt };
}

/** The write's inventory events, with their ids: a relay retried puts the same events again. */
export function outboxOf(changes: readonly InventoryChange[], changedAt: Date): CartOutbox {
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

/** Written only over the version that was read (a first write: only where no cart is). */
export function versionCondition(version: number): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, number>;
} {
  return version === 0
    ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } }
    : {
        ConditionExpression: '#version = :read',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':read': version },
      };
}
