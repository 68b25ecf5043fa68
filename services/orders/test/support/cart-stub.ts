import { startStubServer } from '@shopeasy/service-kit/testing';
import { reply } from './replies.js';

export interface StubCartLine {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: { amount: number; currency: string };
}

export interface CartStub {
  url: string;
  setCart(userId: string, lines: StubCartLine[]): void;
  cart(userId: string): StubCartLine[];
  stop(): Promise<void>;
}

/**
 * getCart and clearCart of contracts/cart.yaml for the user named in the bearer token (the
 * cart service verifies the token; the stub only reads whose it is).
 */
export async function startCartStub(): Promise<CartStub> {
  const carts = new Map<string, StubCartLine[]>();
  const server = await startStubServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const userId = token
      ? (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }).sub
      : undefined;
    if (!userId) return reply(res, 401, { title: 'Unauthorized', status: 401 });
    if (req.url !== '/v1/cart') return reply(res, 404, { title: 'Not Found', status: 404 });
    if (req.method === 'DELETE') {
      carts.delete(userId);
      return reply(res, 204);
    }
    const items = (carts.get(userId) ?? []).map((l) => ({
      ...l,
      lineTotal: { amount: l.unitPrice.amount * l.quantity, currency: l.unitPrice.currency },
    }));
    const total = {
      amount: items.reduce((t, l) => t + l.lineTotal.amount, 0),
      currency: items[0]?.unitPrice.currency ?? 'EUR',
    };
    return reply(res, 200, { items, total, updatedAt: new Date().toISOString() });
  });
  return {
    url: server.url,
    setCart: (userId, lines) => carts.set(userId, lines),
    cart: (userId) => carts.get(userId) ?? [],
    stop: server.stop,
  };
}
