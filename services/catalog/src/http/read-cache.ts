import type { Handlers } from '@shopeasy/service-kit/http';
import { PUBLIC_CACHE_CONTROL, type ReadCache } from '@shopeasy/service-kit/read-cache';
import type { operations } from '@shopeasy/api-client/types/catalog';
import type { StockEvents } from '../domain/inventory-ports.js';

/** The catalog's public GETs: the same answer for every caller, so a cache may keep it. */
export const PUBLIC_READS: ReadonlySet<string> = new Set([
  'listCategories',
  'listCategoryProducts',
  'listProducts',
  'getProduct',
]);

/** The header the contract declares on the public reads' 200 answers. */
export const PUBLIC_READ_HEADERS = { 'Cache-Control': PUBLIC_CACHE_CONTROL } as const;

// Lists may hold any product, so a product write drops them all; the category list only on a new category.
const productReads = (path: string) =>
  path.startsWith('/v1/products') || /^\/v1\/categories\/[^/]+\/products$/.test(path);
const categoryList = (path: string) => path === '/v1/categories';
const productPages = (ids: string[]) => (path: string) => ids.some((id) => path === `/v1/products/${id}`);

type CatalogHandlers = Handlers<operations>;

/** The handlers, with each successful admin write through this task dropping every product read at once. */
export function invalidatingWrites(handlers: CatalogHandlers, cache: ReadCache | undefined): CatalogHandlers {
  if (!cache) return handlers;
  // Drops after the write succeeded: a failed write changed nothing worth dropping.
  const after =
    <I, R>(handler: (input: I) => Promise<R>, drop: () => void) =>
    async (input: I): Promise<R> => {
      const reply = await handler(input);
      drop();
      return reply;
    };
  return {
    ...handlers,
    createCategory: after(handlers.createCategory, () => cache.invalidate(categoryList)),
    createProduct: after(handlers.createProduct, () => cache.invalidate(productReads)),
    updateProduct: after(handlers.updateProduct, () => cache.invalidate(productReads)),
    deleteProduct: after(handlers.deleteProduct, () => cache.invalidate(productReads)),
    setProductStock: after(handlers.setProductStock, () => cache.invalidate(productReads)),
  };
}

/**
 * The stock events port, dropping the page of each product whose stock this task changed
 * (reservations, releases, sweeps, stock sets) as the change is published; lists, and changes
 * made by other tasks, show within the cache's TTL.
 */
export function invalidatingStockEvents(events: StockEvents, cache: ReadCache): StockEvents {
  return {
    publish: (changes) => {
      cache.invalidate(productPages(changes.map((change) => change.productId)));
      return events.publish(changes);
    },
    lost: (error, context) => events.lost(error, context),
  };
}
