// Reads back what ShopEasy made of the chaos traffic, through the API where a user would look
// (orders, carts, products, reviews) and from the emulator where only an operator can (the
// sandbox's charges, sent emails, queues). Checks that converge later are read until they hold.
import { listSentEmails } from '@shopeasy/notifications/local';
import { setTimeout as sleep } from 'node:timers/promises';
import { json, persist, type Client } from './client.js';
import { charges, queues, type Emulator } from './emulator-reads.js';
import {
  checkCheckouts,
  checkEmails,
  checkInCarts,
  checkQueues,
  checkReviews,
  type Check,
  type RaceReadback,
} from './invariants.js';
import { CART_PRODUCT_STOCK, type Ledger } from './traffic.js';

interface Product {
  stock: number;
  rating: { count: number };
  availability?: { inCarts: number };
}

const read = async <T>(client: Client, path: string, token?: string) =>
  json<T>(await persist(client, 'admin', path, token ? { token } : {}));

async function product(client: Client, admin: string, id: string): Promise<Product> {
  const found = await read<Product>(client, `/v1/products/${id}`, admin);
  if (!found) throw new Error(`product ${id} could not be read`);
  return found;
}

async function cartHolds(client: Client, token: string): Promise<Map<string, number>> {
  const cart = await read<{ items: { productId: string; quantity: number }[] }>(client, '/v1/cart', token);
  return new Map((cart?.items ?? []).map((i) => [i.productId, i.quantity]));
}

/** Every invariant once; `settled` reads again until each eventual one holds or the wait is over. */
async function checkOnce(
  client: Client,
  admin: string,
  ledger: Ledger,
  emulator: Emulator,
): Promise<Check[]> {
  const readbacks: RaceReadback[] = [];
  const carts = new Map<string, Map<string, number>>();
  // Each product read once per pass: its stock, inCarts and rating come from the same answer.
  const products = new Map<string, Promise<Product>>();
  const productOf = (id: string) => {
    if (!products.has(id)) products.set(id, product(client, admin, id));
    return products.get(id)!;
  };
  for (const race of ledger.races) {
    const orders = await Promise.all(
      race.buyers.map(async (buyer) => {
        const page = await read<{
          items: { id: string; status: string; items: { productId: string; quantity: number }[] }[];
        }>(client, '/v1/orders?limit=100', buyer.account.token);
        carts.set(buyer.account.email, await cartHolds(client, buyer.account.token));
        return (page?.items ?? []).flatMap((o) =>
          o.items
            .filter((i) => i.productId === race.productId)
            .map((i) => ({ id: o.id, status: o.status, quantity: i.quantity })),
        );
      }),
    );
    readbacks.push({ race, orders, stockAfter: (await productOf(race.productId)).stock });
  }
  for (const account of ledger.cartAccounts) carts.set(account.email, await cartHolds(client, account.token));
  const held = (id: string) => [...carts.values()].reduce((sum, cart) => sum + (cart.get(id) ?? 0), 0);
  const inCarts = [];
  for (const id of [...ledger.cartProducts, ...ledger.races.map((r) => r.productId)]) {
    const p = await productOf(id);
    const stockBefore = ledger.cartProducts.includes(id) ? CART_PRODUCT_STOCK : p.stock;
    inCarts.push({
      id,
      inCarts: p.availability?.inCarts ?? 0,
      inTheCarts: held(id),
      stock: p.stock,
      stockBefore,
    });
  }
  const reviews = [];
  for (const race of ledger.races) {
    const page = await read<{ items: unknown[] }>(client, `/v1/products/${race.productId}/reviews?limit=100`);
    reviews.push({
      id: race.productId,
      submitted: race.buyers.filter((b) => b.review === 202 || b.review === 409).length,
      accepted: page?.items.length ?? -1,
      ratingCount: (await productOf(race.productId)).rating.count,
    });
  }
  const owed = [
    ...ledger.accounts.map((a) => ({ to: a.email, subject: 'Welcome to ShopEasy' })),
    ...readbacks.flatMap(({ race, orders }) =>
      orders.flatMap((own, i) =>
        own
          .filter((o) => o.status === 'paid')
          .map((o) => ({
            to: race.buyers[i]!.account.email,
            subject: `Your ShopEasy order ${o.id} is confirmed`,
          })),
      ),
    ),
  ];
  return [
    checkCheckouts(readbacks, await charges(emulator)),
    checkInCarts(inCarts),
    checkReviews(reviews),
    checkEmails(owed, await listSentEmails(emulator.endpoint)),
    checkQueues(await queues(emulator)),
  ];
}

/** The invariants, read until all hold or `waitSeconds` went by (the last reading is returned). */
export async function settledChecks(
  client: Client,
  admin: string,
  ledger: Ledger,
  emulator: Emulator,
  waitSeconds: number,
): Promise<{ checks: Check[]; waitedSeconds: number }> {
  const started = performance.now();
  for (;;) {
    const checks = await checkOnce(client, admin, ledger, emulator);
    const waitedSeconds = (performance.now() - started) / 1000;
    if (checks.every((c) => c.ok) || waitedSeconds > waitSeconds) return { checks, waitedSeconds };
    await sleep(3000);
  }
}
