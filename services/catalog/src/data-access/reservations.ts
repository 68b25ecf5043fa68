import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CreateReservationResult, ReservationStore } from '../domain/inventory-ports.js';
import type { Reservation, ReservationLine } from '../domain/model.js';
import { transactWrite, type Table, type TransactItem } from './dynamo.js';
import type { Item } from './items.js';
import { KEYS, PK } from './keys.js';
import { stockUpdate } from './stock.js';

// A reservation is one item (`RESERVATION#<id>`) holding its lines with the name and price they
// had when reserved; its stock moves are written in the same transaction as its status changes.

function reservationItem(reservation: Reservation): Item {
  return {
    ...KEYS.reservation(reservation.reservationId),
    type: 'reservation',
    reservationId: reservation.reservationId,
    status: reservation.status,
    items: reservation.items.map((line) => ({
      productId: line.productId,
      name: line.name,
      quantity: line.quantity,
      unitAmount: line.unitPrice.amount,
      currency: line.unitPrice.currency,
    })),
    createdAt: reservation.createdAt,
  };
}

function fromReservationItem(item: Item): Reservation {
  const lines = item.items as {
    productId: string;
    name: string;
    quantity: number;
    unitAmount: number;
    currency: string;
  }[];
  return {
    reservationId: item.reservationId as string,
    status: item.status as Reservation['status'],
    items: lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      quantity: line.quantity,
      unitPrice: { amount: line.unitAmount, currency: line.currency },
    })),
    createdAt: item.createdAt as string,
    ...(typeof item.releasedAt === 'string' ? { releasedAt: item.releasedAt } : {}),
  };
}

/** Why a transaction was cancelled: a failed condition, or only a collision with another one. */
function failure(codes: string[]): 'condition' | 'contended' {
  return codes.some((code) => code === 'ConditionalCheckFailed') ? 'condition' : 'contended';
}

export function reservationRepository(table: Table): ReservationStore {
  const send = (items: TransactItem[]) => transactWrite(table, items);

  return {
    async getReservation(id) {
      const { Item: item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: KEYS.reservation(id), ConsistentRead: true }),
      );
      return item ? fromReservationItem(item) : undefined;
    },

    async createReservation(reservation, lines): Promise<CreateReservationResult> {
      const codes = await send([
        ...lines.map((line): TransactItem => ({
          Update: stockUpdate(table.name, line.productId, { add: -line.quantity }, reservation.createdAt, {
            active: true,
            version: line.version,
          }),
        })),
        {
          Put: {
            TableName: table.name,
            Item: reservationItem(reservation),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          },
        },
      ]);
      if (!codes) return 'created';
      if (codes[lines.length] === 'ConditionalCheckFailed') return 'exists';
      return failure(codes) === 'condition' ? 'lines-failed' : 'contended';
    },

    async releaseReservation(reservation, restock: ReservationLine[], at) {
      const codes = await send([
        {
          Update: {
            TableName: table.name,
            Key: KEYS.reservation(reservation.reservationId),
            UpdateExpression: 'SET #status = :released, #releasedAt = :at',
            ConditionExpression: '#status = :reserved',
            ExpressionAttributeNames: { '#status': 'status', '#releasedAt': 'releasedAt' },
            ExpressionAttributeValues: { ':released': 'released', ':reserved': 'reserved', ':at': at },
          },
        },
        ...restock.map((line): TransactItem => ({
          Update: stockUpdate(table.name, line.productId, { add: line.quantity }, at),
        })),
      ]);
      return codes ? 'conflict' : 'released';
    },
  };
}
