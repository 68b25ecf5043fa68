// The steady traffic the faults fall on: shoppers browsing, shoppers changing their carts, and
// rounds of buyers racing for a few units (then reviewing what they bought). What it did is kept in
// a ledger, which the invariants check once the faults are over.
import { setTimeout as sleep } from 'node:timers/promises';
import { newAccount, persist, type Account, type Client } from './client.js';
import { race, type Race } from './race.js';

/** The stock of the products only ever carted: no checkout takes from it. */
export const CART_PRODUCT_STOCK = 1000;

export interface Ledger {
  /** Every account the traffic registered (each is owed one welcome email). */
  accounts: Account[];
  /** The products the cart changers put in and take out of their carts. */
  cartProducts: string[];
  /** The accounts whose carts hold those products. */
  cartAccounts: Account[];
  races: Race[];
  /** Problems of the traffic itself (a round that could not be set up), not of ShopEasy. */
  notes: string[];
}

export interface TrafficOptions {
  admin: string;
  categoryIds: readonly string[];
  productIds: readonly string[];
  browsers: number;
  cartChangers: number;
  buyersPerRace: number;
  unitsPerRace: number;
}

/** Starts every loop; `stop` waits for each to finish what it is doing (a race settles first). */
export async function startTraffic(client: Client, options: TrafficOptions) {
  const ledger: Ledger = { accounts: [], cartProducts: [], cartAccounts: [], races: [], notes: [] };
  const category = await persist(client, 'admin', '/v1/categories', {
    method: 'POST',
    token: options.admin,
    body: { name: `Chaos ${new Date().toISOString().slice(0, 19)}` },
  });
  const categoryId = (JSON.parse(category?.body ?? '{}') as { id?: string }).id;
  if (!categoryId) throw new Error(`creating the chaos category answered ${category?.status ?? 'nothing'}`);
  for (let i = 0; i < 2; i++)
    ledger.cartProducts.push(await createProduct(client, options.admin, categoryId, CART_PRODUCT_STOCK));
  for (let i = 0; i < options.cartChangers; i++) {
    const account = await newAccount(client, `Chaos cart ${i}`);
    ledger.accounts.push(account);
    ledger.cartAccounts.push(account);
  }

  const loops = [
    ...Array.from({ length: options.browsers }, (_, i) => browse(client, options, i)),
    ...ledger.cartAccounts.map((account, i) => changeCart(client, account, ledger.cartProducts, i)),
    (async () => {
      while (!client.stopped()) {
        try {
          const productId = await createProduct(client, options.admin, categoryId, options.unitsPerRace);
          const round = await race(client, {
            productId,
            buyers: options.buyersPerRace,
            units: options.unitsPerRace,
          });
          ledger.races.push(round);
          ledger.accounts.push(...round.buyers.map((b) => b.account));
        } catch (error) {
          ledger.notes.push(`a race could not run: ${(error as Error).message}`);
        }
      }
    })(),
  ];
  return { ledger, stopped: () => Promise.all(loops) };
}

export async function createProduct(client: Client, admin: string, categoryId: string, stock: number) {
  const created = await persist(client, 'admin', '/v1/products', {
    method: 'POST',
    token: admin,
    body: {
      categoryId,
      name: `Chaos kettle ${Math.random().toString(36).slice(2, 8)}`,
      description: 'A kettle bought while components fail.',
      price: { amount: 2999, currency: 'EUR' },
      stock,
    },
  });
  const id = (JSON.parse(created?.body ?? '{}') as { id?: string }).id;
  if (created?.status !== 201 || !id)
    throw new Error(`creating a product answered ${created?.status ?? 'nothing'}`);
  return id;
}

/** Category pages and product details, one after the other, as a reader clicks through. */
async function browse(client: Client, options: TrafficOptions, worker: number) {
  for (let turn = worker; !client.stopped(); turn++) {
    const category = options.categoryIds[turn % options.categoryIds.length]!;
    const product = options.productIds[(turn * 7919) % options.productIds.length]!;
    await client.recorder.send(
      'browse',
      `${client.gatewayUrl}/v1/categories/${category}/products?limit=20`,
      {},
    );
    await client.recorder.send('detail', `${client.gatewayUrl}/v1/products/${product}`, {});
    await sleep(50);
  }
}

/** Adds one to three of a product, and now and then takes a product out again. */
async function changeCart(client: Client, account: Account, products: readonly string[], worker: number) {
  const headers = { authorization: `Bearer ${account.token}`, 'content-type': 'application/json' };
  for (let turn = worker; !client.stopped(); turn++) {
    const productId = products[turn % products.length]!;
    if (turn % 3 === 2) {
      await client.recorder.send('cart', `${client.gatewayUrl}/v1/cart/items/${productId}`, {
        method: 'DELETE',
        headers,
      });
    } else {
      await client.recorder.send('cart', `${client.gatewayUrl}/v1/cart/items`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ productId, quantity: 1 + (turn % 3) }),
      });
    }
    await sleep(100);
  }
}
