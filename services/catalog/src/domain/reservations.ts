import { faultPause } from '@shopeasy/service-kit/config';
import { ConflictError, NotFoundError } from '@shopeasy/service-kit/errors';
import type { ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { OutOfStockError } from './errors.js';
import type { ReservationStore, StockEvents } from './inventory-ports.js';
import type { RequestedLine, Reservation } from './model.js';
import type { ProductStore } from './ports.js';
import { checkLines, replay, reservable } from './reservation-rules.js';
import { publishAfterCommit, stockEvents } from './stock-events.js';

export interface ReservationDeps {
  store: ProductStore & ReservationStore;
  events: StockEvents;
  now: () => string;
  newId: (prefix: string) => string;
  /** How long a reservation holds its units unless it is confirmed. */
  reservationTtlSeconds: number;
  /** Counts `OversellPrevented`: a reservation refused because the stock is short. */
  metrics?: Pick<ServiceMetrics, 'count'>;
}

/** Rounds before giving up when other writers keep winning (a product edited, a transaction collision). */
const MAX_ATTEMPTS = 8;

const pause = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 5)));

/**
 * Reserves every line or none, idempotent on the reservation id. Each round reads the products
 * (for names, prices and a precise answer when something is short), then writes one conditional
 * transaction; a lost race is simply read again, so the answer always reflects committed stock.
 */
export async function reserveStock(
  deps: ReservationDeps,
  request: { reservationId: string; items: RequestedLine[] },
): Promise<{ created: boolean; reservation: Reservation }> {
  checkLines(request.items);
  const { store } = deps;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await store.getReservation(request.reservationId);
    if (existing) return { created: false, reservation: replay(existing, request.items) };
    const products = await store.getProducts(request.items.map((line) => line.productId));
    const lines = refusingOversell(deps, () => reservable(request.items, products));
    const createdAt = deps.now();
    const reservation: Reservation = {
      reservationId: request.reservationId,
      status: 'reserved',
      items: lines.map(({ version: _version, ...line }) => line),
      createdAt,
      expiresAt: new Date(Date.parse(createdAt) + deps.reservationTtlSeconds * 1000).toISOString(),
    };
    const result = await store.createReservation(reservation, lines);
    if (result === 'created') {
      await faultPause('reservation-committed');
      await publish(deps, 'stock.reserved', reservation);
      return { created: true, reservation };
    }
    if (result === 'contended') await pause(attempt);
  }
  throw new Error(`Reservation ${request.reservationId} kept conflicting with other writes`);
}

function refusingOversell<T>(deps: ReservationDeps, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof OutOfStockError) deps.metrics?.count('OversellPrevented');
    throw error;
  }
}

/**
 * Gives the units back once; a released reservation stays released. `onlyIfReserved` (the
 * expiry sweep) leaves a reservation that is no longer `reserved` as it is.
 */
export async function releaseStock(
  deps: ReservationDeps,
  reservationId: string,
  options: { onlyIfReserved?: boolean } = {},
): Promise<Reservation> {
  const { store } = deps;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const reservation = await store.getReservation(reservationId);
    if (!reservation) throw new NotFoundError(`Reservation ${reservationId} does not exist.`);
    if (reservation.status === 'released') return reservation;
    if (options.onlyIfReserved && reservation.status !== 'reserved') return reservation;
    // A product deleted since has no stock to give back to; its line is released without it.
    const existing = new Set(
      (await store.getProducts(reservation.items.map((line) => line.productId))).map((p) => p.id),
    );
    const restock = reservation.items.filter((line) => existing.has(line.productId));
    const at = deps.now();
    if ((await store.releaseReservation(reservation, restock, at)) === 'released') {
      await publish(deps, 'stock.released', { ...reservation, items: restock });
      return { ...reservation, status: 'released', releasedAt: at };
    }
    await pause(attempt);
  }
  throw new Error(`Releasing reservation ${reservationId} kept conflicting with other writes`);
}

/**
 * Keeps the units for good (the order is paid): a confirmed reservation is never swept.
 * Idempotent; 409 once it was released, by its order or because its hold expired.
 */
export async function confirmStock(deps: ReservationDeps, reservationId: string): Promise<Reservation> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const reservation = await deps.store.getReservation(reservationId);
    if (!reservation) throw new NotFoundError(`Reservation ${reservationId} does not exist.`);
    if (reservation.status === 'confirmed') return reservation;
    if (reservation.status === 'released')
      throw new ConflictError(`Reservation ${reservationId} was released and cannot be confirmed.`);
    const at = deps.now();
    if ((await deps.store.confirmReservation(reservationId, at)) === 'confirmed')
      return { ...reservation, status: 'confirmed', confirmedAt: at };
    await pause(attempt);
  }
  throw new Error(`Confirming reservation ${reservationId} kept conflicting with other writes`);
}

/** One event per line, with the level read right after the commit (or later). */
async function publish(
  deps: ReservationDeps,
  type: 'stock.reserved' | 'stock.released',
  reservation: Reservation,
): Promise<void> {
  const sign = type === 'stock.reserved' ? -1 : 1;
  await publishAfterCommit(
    deps.events,
    async () => {
      if (reservation.items.length === 0) return [];
      const products = await deps.store.getProducts(reservation.items.map((line) => line.productId));
      const stockOf = new Map(products.map((p) => [p.id, p.stock]));
      const moves = reservation.items.flatMap((line) => {
        const stock = stockOf.get(line.productId);
        return stock === undefined
          ? []
          : [{ productId: line.productId, quantityDelta: sign * line.quantity, stock }];
      });
      return stockEvents(deps, type, moves, reservation.reservationId);
    },
    { type, reservationId: reservation.reservationId },
  );
}
