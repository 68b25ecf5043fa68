import { NotFoundError, UnprocessableError } from '@shopeasy/service-kit/errors';
import { productCursor, productCursorKey } from './cursor.js';
import type { PriceRange, Product, ProductSort } from './model.js';
import type { CatalogStore, Slice } from './ports.js';
import { toProduct } from './products.js';
import { intersect, rankPage } from './search.js';
import { sortKeyOf } from './sort-keys.js';
import { queryTerms } from './tokenize.js';

export interface ProductPage {
  items: Product[];
  nextCursor?: string;
}

export interface PageRequest {
  sort: ProductSort;
  limit: number;
  cursor?: string;
}

export interface ProductQuery extends PageRequest {
  q?: string;
  categoryId?: string;
  minPrice?: number;
  maxPrice?: number;
}

function toPage(slice: Slice<Product>, sort: ProductSort): ProductPage {
  const items = slice.items;
  const last = slice.items.at(-1);
  if (!slice.more || !last) return { items };
  return { items, nextCursor: productCursor(sort, sortKeyOf({ ...last, price: last.price.amount }, sort)) };
}

/** Active products of one category, in the order asked. */
export async function listCategoryProducts(
  store: CatalogStore,
  categoryId: string,
  page: PageRequest,
): Promise<ProductPage> {
  const after = productCursorKey(page.cursor, page.sort);
  const [category, slice] = await Promise.all([
    store.getCategory(categoryId),
    store.listProducts({ scope: { categoryId }, sort: page.sort, limit: page.limit, price: {}, after }),
  ]);
  if (!category) throw new NotFoundError(`Category ${categoryId} does not exist.`);
  return toPage(slice, page.sort);
}

/** Browses (no `q`) from the listing indexes, or searches the token index. */
export async function listProducts(store: CatalogStore, query: ProductQuery): Promise<ProductPage> {
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw new UnprocessableError('The price range is empty.', [
      { field: 'query.minPrice', message: 'must not be above maxPrice' },
    ]);
  }
  const after = productCursorKey(query.cursor, query.sort);
  const price: PriceRange = { min: query.minPrice, max: query.maxPrice };
  const scope = query.categoryId === undefined ? {} : { categoryId: query.categoryId };
  if (query.q === undefined) {
    return toPage(
      await store.listProducts({ scope, sort: query.sort, limit: query.limit, price, after }),
      query.sort,
    );
  }
  return search(store, query.q, { ...scope, price }, query, after);
}

async function search(
  store: CatalogStore,
  q: string,
  filter: { categoryId?: string; price: PriceRange },
  page: PageRequest,
  after: string | undefined,
): Promise<ProductPage> {
  const terms = queryTerms(q);
  // Nothing searchable (only stop words or single letters): nothing matches.
  if (terms.prefix === undefined) return { items: [] };
  const hits = await Promise.all([
    ...terms.exact.map((term) => store.findTokens(term, false)),
    store.findTokens(terms.prefix, true),
  ]);
  const ranked = rankPage(intersect(hits), filter, page.sort, page.limit, after);
  const found = await store.getProducts(
    ranked.items.map((hit) => hit.productId),
    { eventual: true },
  );
  const byId = new Map(found.filter((p) => p.active).map((p) => [p.id, p]));
  const items = ranked.items.flatMap((hit) => {
    const product = byId.get(hit.productId);
    return product ? [toProduct(product)] : [];
  });
  const last = ranked.items.at(-1);
  return ranked.more && last ? { items, nextCursor: productCursor(page.sort, last.sortKey) } : { items };
}
