import type { ServerResponse } from 'node:http';
import { startStubServer, type StubServer } from '@shopeasy/service-kit/testing';

// Stand-ins for the orders and catalog services, answering as their contracts say. Each test
// decides what they know: who bought what, which products exist, which calls fail.

function json(res: ServerResponse, status: number, body: unknown): void {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
}

const problem = (status: number, title: string) => ({ type: 'about:blank', title, status });
const key = (userId: string, productId: string) => `${userId}/${productId}`;

export interface StubOrders extends StubServer {
  /** Records that the user bought the product (a paid order). */
  bought(userId: string, productId: string): void;
  /** Makes the next `times` checkPurchase calls for this pair answer 500 (every call by default). */
  failFor(userId: string, productId: string, times?: number): void;
  /** checkPurchase calls made for the pair, with a valid internal key. */
  callsFor(userId: string, productId: string): number;
  /** X-Request-Id of each of those calls. */
  requestIdsFor(userId: string, productId: string): Array<string | undefined>;
  /** Calls refused for a missing or wrong X-Internal-Key. */
  refused: number;
}

export async function startStubOrders(internalKey: string): Promise<StubOrders> {
  const purchases = new Set<string>();
  const failing = new Map<string, number>();
  const calls = new Map<string, Array<string | undefined>>();
  const stub = {} as StubOrders;
  const server = await startStubServer((req, res, url) => {
    if (req.method !== 'GET' || url.pathname !== '/internal/v1/purchases')
      return json(res, 404, problem(404, 'Not Found'));
    if (req.headers['x-internal-key'] !== internalKey) {
      stub.refused += 1;
      return json(res, 401, problem(401, 'Unauthorized'));
    }
    const userId = url.searchParams.get('userId') ?? '';
    const productId = url.searchParams.get('productId') ?? '';
    const requestId = req.headers['x-request-id'];
    calls.set(key(userId, productId), [
      ...(calls.get(key(userId, productId)) ?? []),
      String(requestId ?? '') || undefined,
    ]);
    const failuresLeft = failing.get(key(userId, productId)) ?? 0;
    if (failuresLeft > 0) {
      failing.set(key(userId, productId), failuresLeft - 1);
      return json(res, 500, problem(500, 'Internal Server Error'));
    }
    const purchased = purchases.has(key(userId, productId));
    json(res, 200, {
      userId,
      productId,
      purchased,
      ...(purchased ? { orderId: 'ord_01J9Z5B2C3D4E5F6G7H8J9KMNP' } : {}),
    });
  });
  return Object.assign(stub, server, {
    refused: 0,
    bought: (userId: string, productId: string) => void purchases.add(key(userId, productId)),
    failFor: (userId: string, productId: string, times = Number.POSITIVE_INFINITY) =>
      void failing.set(key(userId, productId), times),
    callsFor: (userId: string, productId: string) => calls.get(key(userId, productId))?.length ?? 0,
    requestIdsFor: (userId: string, productId: string) => calls.get(key(userId, productId)) ?? [],
  });
}

export interface StubCatalog extends StubServer {
  /** Makes the product exist (active). */
  add(productId: string): void;
  /** Makes getProduct of this product answer 500. */
  failFor(productId: string): void;
}

export async function startStubCatalog(): Promise<StubCatalog> {
  const products = new Set<string>();
  const failing = new Set<string>();
  const server = await startStubServer((req, res, url) => {
    const id = /^\/v1\/products\/([^/]+)$/.exec(url.pathname)?.[1];
    if (id && failing.has(id)) return json(res, 500, problem(500, 'Internal Server Error'));
    if (req.method !== 'GET' || !id || !products.has(id)) return json(res, 404, problem(404, 'Not Found'));
    const now = new Date().toISOString();
    json(res, 200, {
      id,
      categoryId: 'cat_01J9Z2K7M3N4P5Q6R7S8T9V0WX',
      name: 'Trail Running Shoe',
      description: 'Lightweight trail running shoe with a grippy outsole.',
      price: { amount: 8999, currency: 'EUR' },
      stock: 42,
      active: true,
      rating: { average: 0, count: 0 },
      createdAt: now,
      updatedAt: now,
    });
  });
  return Object.assign(server, {
    add: (productId: string) => void products.add(productId),
    failFor: (productId: string) => void failing.add(productId),
  });
}
