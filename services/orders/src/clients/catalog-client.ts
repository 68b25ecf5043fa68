import { Configuration, InventoryApi } from '@shopeasy/api-client';
import { isUnavailable, peerFetch, problemOf, statusOf } from '@shopeasy/service-kit/calls';
import type { Logger } from '@shopeasy/service-kit/telemetry';
import { dependencyUnavailable, StockUnavailableError } from '../domain/errors.js';
import type { OrderLine } from '../domain/model.js';
import type { CatalogPort } from '../domain/ports.js';

export interface CatalogClientOptions {
  baseUrl: string;
  /** Sent as X-Internal-Key. */
  internalKey: string;
  timeoutMs: number;
  logger: Logger;
}

/** The catalog's internal stock reservations (X-Internal-Key). */
export function createCatalogClient(options: CatalogClientOptions): CatalogPort {
  const { logger } = options;
  const api = new InventoryApi(
    new Configuration({
      basePath: options.baseUrl,
      apiKey: options.internalKey,
      fetchApi: peerFetch(options.timeoutMs),
    }),
  );
  return {
    async reserve(reservationId, items) {
      try {
        const reservation = await api.reserveStock({ reserveStockRequest: { reservationId, items } });
        const lines = reservation.items.map((line): OrderLine => ({
          productId: line.productId,
          name: line.name,
          quantity: line.quantity,
          unitPrice: { amount: line.unitPrice.amount, currency: line.unitPrice.currency },
          lineTotal: { amount: line.unitPrice.amount * line.quantity, currency: line.unitPrice.currency },
        }));
        return { lines, reservedAt: new Date(reservation.createdAt).toISOString() };
      } catch (error) {
        throw await reservationFailure(error, items);
      }
    },
    async release(reservationId) {
      try {
        await api.releaseStock({ reservationId });
      } catch (error) {
        // Nothing was ever reserved under this id: nothing to give back.
        if (statusOf(error) === 404) return;
        throw dependencyUnavailable('catalog', error);
      }
    },
    async confirm(reservationId) {
      try {
        await api.confirmStock({ reservationId });
        return 'confirmed';
      } catch (error) {
        const status = statusOf(error);
        // 409 (released: its hold expired or it was cancelled) and 404 are final answers that no
        // retry changes: the order decides what a lapsed hold means.
        if (status === 409 || status === 404) {
          logger.warn(
            { reservationId, status, detail: (await problemOf(error)).detail },
            'reservation could not be confirmed: its hold lapsed',
          );
          return 'lapsed';
        }
        throw dependencyUnavailable('catalog', error);
      }
    },
  };
}

// 409: short lines, named `body.items.N.quantity` by the catalog; 404: a product is gone.
async function reservationFailure(
  error: unknown,
  items: { productId: string; quantity: number }[],
): Promise<Error> {
  const status = statusOf(error);
  if (status !== 409 && status !== 404) {
    return isUnavailable(error) ? dependencyUnavailable('catalog', error) : (error as Error);
  }
  const problem = await problemOf(error);
  const errors = (problem.errors ?? []).map(({ field, message }) => {
    const index = Number(/^body\.items\.(\d+)\./.exec(field)?.[1] ?? Number.NaN);
    const line = items[index];
    return line
      ? {
          field: `cart.items.${index}.quantity`,
          message: `${line.productId}: ${line.quantity} requested, ${message}`,
        }
      : { field: 'cart.items', message };
  });
  // The catalog's problem type tells short stock from other conflicts (inactive product, reused id).
  if (status === 409 && errors.length > 0 && (problem.type ?? '').endsWith('/out-of-stock')) {
    const detail = `Not enough stock: ${errors.map((e) => e.message).join('; ')}.`;
    return new StockUnavailableError('out_of_stock', detail, errors);
  }
  const detail = problem.detail ?? 'A product in the cart is no longer available.';
  return new StockUnavailableError(
    'unavailable',
    detail,
    errors.length ? errors : [{ field: 'cart.items', message: detail }],
  );
}
