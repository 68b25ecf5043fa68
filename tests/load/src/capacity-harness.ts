import type { DynamoRow } from './capacity-meter.js';

/**
 * The checkout window without the harness's own stock sampler: each of its reads is the admin's
 * GET of the contended product, one strongly consistent Query of the product's partition
 * (services/catalog/src/data-access/product-reads.ts). That many requests, and their share of the
 * units, come off the matching row; what checkout itself read there stays.
 */
export function withoutStockReads(rows: readonly DynamoRow[], productId: string, reads: number): DynamoRow[] {
  const sampled = (r: DynamoRow) =>
    r.index === null &&
    r.kind === 'read' &&
    r.operation === 'Query' &&
    r.partition === `PRODUCT#${productId}` &&
    r.table.endsWith('-catalog');
  return rows.flatMap((r) => {
    if (!sampled(r)) return [r];
    const left = r.requests - reads;
    if (left <= 0) return [];
    const keep = left / r.requests;
    return [{ ...r, requests: left, units: r.units * keep, bytes: Math.round(r.bytes * keep) }];
  });
}
