import type { ServerResponse } from 'node:http';
import { newId } from '@shopeasy/service-kit/ids';
import { readJson, startStubServer } from '@shopeasy/service-kit/testing';
import { problem, reply } from './replies.js';

export interface StubProduct {
  id: string;
  name: string;
  price: { amount: number; currency: string };
  stock: number;
  active: boolean;
}

interface Reservation {
  reservationId: string;
  status: 'reserved' | 'confirmed' | 'released';
  items: { productId: string; name: string; quantity: number; unitPrice: StubProduct['price'] }[];
  createdAt: string;
}

export interface CatalogStub {
  url: string;
  addProduct(product?: Partial<Omit<StubProduct, 'id'>>): StubProduct;
  product(id: string): StubProduct;
  reservation(id: string): Reservation | undefined;
  /** How many confirm calls reached the catalog for this reservation. */
  confirmCalls(id: string): number;
  /** Releases a held reservation as the catalog's sweeper does once its hold has run out. */
  expire(id: string): void;
  stop(): Promise<void>;
}

/**
 * The catalog's internal stock reservations as contracts/catalog.yaml specifies them, in memory:
 * all lines or none, never below zero, idempotent on reservationId, release returns units once,
 * confirm is idempotent and 409 once released.
 */
export async function startCatalogStub(internalKey: string): Promise<CatalogStub> {
  const products = new Map<string, StubProduct>();
  const reservations = new Map<string, Reservation>();
  const confirms = new Map<string, number>();

  const reserve = (
    body: { reservationId: string; items: { productId: string; quantity: number }[] },
    res: ServerResponse,
  ) => {
    const existing = reservations.get(body.reservationId);
    if (existing) {
      const same =
        JSON.stringify(existing.items.map((i) => [i.productId, i.quantity])) ===
        JSON.stringify(body.items.map((i) => [i.productId, i.quantity]));
      return same
        ? reply(res, 200, existing)
        : problem(res, 409, 'Conflict', 'The reservation id was used for other items.');
    }
    const missing = body.items.find((i) => !products.has(i.productId));
    if (missing) return problem(res, 404, 'Not Found', `Product ${missing.productId} does not exist.`);
    const inactive = body.items.find((i) => !products.get(i.productId)!.active);
    if (inactive) return problem(res, 409, 'Conflict', `Product ${inactive.productId} is not sold any more.`);
    const short = body.items
      .map((item, index) => ({ item, index, stock: products.get(item.productId)!.stock }))
      .filter(({ item, stock }) => item.quantity > stock);
    if (short.length > 0) {
      return problem(
        res,
        409,
        'Out of stock',
        `Not enough stock for ${short.length} line(s).`,
        short.map(({ index, stock }) => ({
          field: `body.items.${index}.quantity`,
          message: `only ${stock} left in stock`,
        })),
      );
    }
    const reservation: Reservation = {
      reservationId: body.reservationId,
      status: 'reserved',
      items: body.items.map(({ productId, quantity }) => {
        const product = products.get(productId)!;
        product.stock -= quantity;
        return { productId, name: product.name, quantity, unitPrice: product.price };
      }),
      createdAt: new Date().toISOString(),
    };
    reservations.set(reservation.reservationId, reservation);
    return reply(res, 201, reservation);
  };

  const release = (reservationId: string, res: ServerResponse) => {
    const reservation = reservations.get(reservationId);
    if (!reservation) return problem(res, 404, 'Not Found', `Reservation ${reservationId} does not exist.`);
    if (reservation.status !== 'released') {
      for (const item of reservation.items) products.get(item.productId)!.stock += item.quantity;
      reservation.status = 'released';
    }
    return reply(res, 200, reservation);
  };

  const confirm = (reservationId: string, res: ServerResponse) => {
    confirms.set(reservationId, (confirms.get(reservationId) ?? 0) + 1);
    const reservation = reservations.get(reservationId);
    if (!reservation) return problem(res, 404, 'Not Found', `Reservation ${reservationId} does not exist.`);
    if (reservation.status === 'released')
      return problem(
        res,
        409,
        'Conflict',
        `Reservation ${reservationId} was released and cannot be confirmed.`,
      );
    reservation.status = 'confirmed';
    return reply(res, 200, reservation);
  };

  const server = await startStubServer(async (req, res) => {
    const body = await readJson(req);
    if (req.headers['x-internal-key'] !== internalKey)
      return problem(res, 401, 'Unauthorized', 'A valid internal service key is required.');
    const releaseMatch = /^\/internal\/v1\/stock-reservations\/([^/]+)\/release$/.exec(req.url ?? '');
    if (req.method === 'POST' && req.url === '/internal/v1/stock-reservations')
      return reserve(body as never, res);
    if (req.method === 'POST' && releaseMatch) return release(decodeURIComponent(releaseMatch[1]!), res);
    const confirmMatch = /^\/internal\/v1\/stock-reservations\/([^/]+)\/confirm$/.exec(req.url ?? '');
    if (req.method === 'POST' && confirmMatch) return confirm(decodeURIComponent(confirmMatch[1]!), res);
    return problem(res, 404, 'Not Found', 'No such route.');
  });
  return {
    url: server.url,
    addProduct(input = {}) {
      const product: StubProduct = {
        id: newId('prd'),
        name: input.name ?? 'Trail Running Shoe',
        price: input.price ?? { amount: 8999, currency: 'EUR' },
        stock: input.stock ?? 10,
        active: input.active ?? true,
      };
      products.set(product.id, product);
      return product;
    },
    product: (id) => products.get(id)!,
    reservation: (id) => reservations.get(id),
    confirmCalls: (id) => confirms.get(id) ?? 0,
    expire(id) {
      const reservation = reservations.get(id);
      if (reservation?.status !== 'reserved') return;
      for (const item of reservation.items) products.get(item.productId)!.stock += item.quantity;
      reservation.status = 'released';
    },
    stop: server.stop,
  };
}
