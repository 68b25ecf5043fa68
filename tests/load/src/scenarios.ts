import type autocannon from 'autocannon';
import type { Shopper } from './api.js';
import type { LabelledRequest } from './run-load.js';

type Setup = (request: autocannon.Request, context: object) => autocannon.Request;
type OnResponse = (status: number, body: string, context: object) => void;

// contracts/catalog.yaml, ProductSort.
export const SORTS = ['newest', 'price_asc', 'price_desc', 'rating'] as const;

/** Round-robin over a list, shared by every connection of a run. */
function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('Nothing to load: the list is empty (is the catalog seeded?)');
  let turn = 0;
  return () => items[turn++ % items.length]!;
}

interface BrowseContext {
  firstPage?: string;
  cursor?: string;
}

/**
 * A shopper browsing: page 1 of a category in one of the sorts, then pages 2 and 3 through the
 * `nextCursor` each page returns. A category with fewer pages starts over with the next one.
 */
export function browseRequests(categoryIds: readonly string[]): LabelledRequest[] {
  const next = cycle(SORTS.flatMap((sort) => categoryIds.map((id) => ({ id, sort }))));
  const firstPage: Setup = (request, context) => {
    const c = context as BrowseContext;
    const { id, sort } = next();
    c.firstPage = `/v1/categories/${id}/products?limit=20&sort=${sort}`;
    c.cursor = undefined;
    return { ...request, method: 'GET', path: c.firstPage };
  };
  const followCursor: Setup = (request, context) => {
    const c = context as BrowseContext;
    if (!c.firstPage || !c.cursor) return firstPage(request, context);
    return { ...request, method: 'GET', path: `${c.firstPage}&cursor=${encodeURIComponent(c.cursor)}` };
  };
  const keepCursor: OnResponse = (status, body, context) => {
    (context as BrowseContext).cursor = status === 200 ? nextCursorOf(body) : undefined;
  };
  return [
    { label: 'browse', setupRequest: firstPage, onResponse: keepCursor },
    { label: 'browse', setupRequest: followCursor, onResponse: keepCursor },
    { label: 'browse', setupRequest: followCursor, onResponse: keepCursor },
  ];
}

function nextCursorOf(body: string): string | undefined {
  try {
    const cursor = (JSON.parse(body) as { nextCursor?: unknown }).nextCursor;
    return typeof cursor === 'string' ? cursor : undefined;
  } catch {
    return undefined;
  }
}

export function detailRequests(productIds: readonly string[]): LabelledRequest[] {
  const next = cycle(productIds);
  return [
    {
      label: 'product detail',
      setupRequest: (request) => ({ ...request, method: 'GET', path: `/v1/products/${next()}` }),
    },
  ];
}

export function searchRequests(terms: readonly string[]): LabelledRequest[] {
  const next = cycle(terms);
  return [
    {
      label: 'search',
      setupRequest: (request) => ({
        ...request,
        method: 'GET',
        path: `/v1/products?q=${encodeURIComponent(next())}&limit=20`,
      }),
    },
  ];
}

/** The words product names use most (four letters or more): search terms that hit the catalog. */
export function searchTerms(names: readonly string[], count = 24): string[] {
  const counts = new Map<string, number>();
  for (const name of names) {
    for (const word of name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= 4) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([word]) => word);
}

interface CartContext {
  shopper?: Shopper;
  productId?: string;
}

/**
 * Each connection borrows a shopper nobody else is using, adds one unit of a product and removes
 * it again, then gives the shopper back: no two connections ever touch the same cart at once.
 */
export function cartRequests(shoppers: readonly Shopper[], productIds: readonly string[]): LabelledRequest[] {
  const free = new Set(shoppers);
  const anyShopper = cycle(shoppers);
  const nextProduct = cycle(productIds);
  const headers = (shopper: Shopper) => ({
    authorization: `Bearer ${shopper.accessToken}`,
    'content-type': 'application/json',
  });
  const add: Setup = (request, context) => {
    const c = context as CartContext;
    // A shopper whose removal never got an answer stays out; when none is free, share one.
    const [leased] = free;
    if (leased) free.delete(leased);
    c.shopper = leased ?? anyShopper();
    c.productId = nextProduct();
    const body = JSON.stringify({ productId: c.productId, quantity: 1 });
    return { ...request, method: 'POST', path: '/v1/cart/items', headers: headers(c.shopper), body };
  };
  const remove: Setup = (request, context) => {
    const c = context as Required<CartContext>;
    const path = `/v1/cart/items/${c.productId}`;
    return { ...request, method: 'DELETE', path, headers: headers(c.shopper), body: undefined };
  };
  const giveBack: OnResponse = (_status, _body, context) => {
    const { shopper } = context as CartContext;
    if (shopper) free.add(shopper);
  };
  return [
    { label: 'cart add', setupRequest: add },
    { label: 'cart remove', setupRequest: remove, onResponse: giveBack },
  ];
}
