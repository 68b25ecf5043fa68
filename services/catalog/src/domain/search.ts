import type { PriceRange, ProductSort, TokenHit } from './model.js';
import { isAfter, SORTS, sortKeyOf } from './sort-keys.js';

export interface SearchFilter {
  categoryId?: string;
  price: PriceRange;
}

export interface RankedHit {
  productId: string;
  sortKey: string;
}

/** Products that every term matched: each list holds one term's hits. */
export function intersect(hitsPerTerm: TokenHit[][]): TokenHit[] {
  if (hitsPerTerm.length === 0) return [];
  const [smallest, ...others] = [...hitsPerTerm].sort((a, b) => a.length - b.length);
  const required = others.map((hits) => new Set(hits.map((h) => h.productId)));
  const matched = new Map<string, TokenHit>();
  for (const hit of smallest ?? []) {
    if (required.every((ids) => ids.has(hit.productId))) matched.set(hit.productId, hit);
  }
  return [...matched.values()];
}

function passes(hit: TokenHit, filter: SearchFilter): boolean {
  if (filter.categoryId !== undefined && hit.categoryId !== filter.categoryId) return false;
  if (filter.price.min !== undefined && hit.price < filter.price.min) return false;
  if (filter.price.max !== undefined && hit.price > filter.price.max) return false;
  return true;
}

/**
 * One page of search results: matches filtered, ordered by the same sort keys the listing
 * indexes use, starting after the cursor's key; `more` when anything follows.
 */
export function rankPage(
  hits: TokenHit[],
  filter: SearchFilter,
  sort: ProductSort,
  limit: number,
  after?: string,
): { items: RankedHit[]; more: boolean } {
  const ascending = SORTS[sort].ascending;
  const ranked = hits
    .filter((hit) => passes(hit, filter))
    .map((hit) => ({ productId: hit.productId, sortKey: sortKeyOf({ ...hit, id: hit.productId }, sort) }))
    .filter((hit) => after === undefined || isAfter(hit.sortKey, after, sort))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0) * (ascending ? 1 : -1));
  return { items: ranked.slice(0, limit), more: ranked.length > limit };
}
