import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CreateReservationResult, ReservationStore } from '../domain/inventory-ports.js';
import type { Reservation, ReservationLine } from '../domain/model.js';
import { transactWrite, type Table, type TransactItem } from './dynamo.js';
import type { Item } from './items.js';
import { KEYS, OPEN_RESERVATIONS_INDEX as OPEN, openReservationShard, PARTITIONS, PK } from './keys.js';
import { listExpired } from './open-reservations.js';
import { productForSale, stockUpdate } from './stock.js';

// A reservation is one item (`RESERVATION#<id>`) holding its lines with the name and price they
// had when reserved; its stock moves (on the products' LIVE items) are written in the same
// transaction as its status changes. While reserved it also sits in one shard of the
// open-reservations index, by when its hold expires.
// (`holdUntil`, not `expiresAt`: that name is the table's TTL attribute.)

/** Confirm and release take a reservation out of the open-reservations index. */
const LEAVE_OPEN_INDEX = `REMOVE #openPk, #openSk`;
const OPEN_NAMES = { '#openPk': OPEN.pk, '#openSk': OPEN.sk };

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
    ...(reservation.expiresAt && reservation.status === 'reserved'
      ? {
          holdUntil: reservation.expiresAt,
          [OPEN.pk]: PARTITIONS.openReservations(openReservationShard(reservation.reservationId)),
          [OPEN.sk]: `${reservation.expiresAt}#${reservation.reservationId}`,
        }
      : {}),
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
    ...(typeof item.holdUntil === 'string' ? { expiresAt: item.holdUntil } : {}),
    ...(typeof item.confirmedAt === 'string' ? { confirmedAt: item.confirmedAt } : {}),
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
      // Per line: the product still for sale as read, and enough stock in its LIVE item.
      const codes = await send([
        ...lines.flatMap((line): TransactItem[] => [
          productForSale(table.name, line.productId, line.version),
          { Update: stockUpdate(table.name, line.productId, { add: -line.quantity }, reservation.createdAt) },
        ]),
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
      if (codes[2 * lines.length] === 'ConditionalCheckFailed') return 'exists';
      return failure(codes) === 'condition' ? 'lines-failed' : 'contended';
    },

    async releaseReservation(reservation, restock: ReservationLine[], at) {
      const codes = await send([
        {
          Update: {
            TableName: table.name,
            Key: KEYS.reservation(reservation.reservationId),
            UpdateExpression: `SET #status = :released, #releasedAt = :at ${LEAVE_OPEN_INDEX}`,
            // Only from the status read: a sweep that read `reserved` never undoes a confirm.
            ConditionExpression: '#status = :read',
            ExpressionAttributeNames: { '#status': 'status', '#releasedAt': 'releasedAt', ...OPEN_NAMES },
            ExpressionAttributeValues: { ':released': 'released', ':read': reservation.status, ':at': at },
          },
        },
        ...restock.map((line): TransactItem => ({
          Update: stockUpdate(table.name, line.productId, { add: line.quantity }, at),
        })),
      ]);
      return codes ? 'conflict' : 'released';
    },

    async confirmReservation(reservationId, at) {
      const codes = await send([
        {
          Update: {
            TableName: table.name,
            Key: KEYS.reservation(reservationId),
            UpdateExpression: `SET #status = :confirmed, #confirmedAt = :at ${LEAVE_OPEN_INDEX}`,
            ConditionExpression: '#status = :reserved',
            ExpressionAttributeNames: { '#status': 'status', '#confirmedAt': 'confirmedAt', ...OPEN_NAMES },
            ExpressionAttributeValues: { ':confirmed': 'confirmed', ':reserved': 'reserved', ':at': at },
          },
        },
      ]);
      return codes ? 'conflict' : 'confirmed';
    },

    listExpiredReservations: (at, limit) => listExpired(table, at, limit),
  };
}
