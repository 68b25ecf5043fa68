import { CART_KEY_SPREAD } from '@shopeasy/events';
import type { Target } from './flags.js';
import {
  HOT_KEY_HEADROOM,
  judge,
  SHARD_GET_RECORDS,
  SHARD_IN_BYTES,
  SHARD_IN_RECORDS,
  SHARD_OUT_BYTES,
  type Resource,
} from './limits.js';
import type { ScenarioCapacity } from './load-results.js';
import { sizing, type ProductionSettings } from './settings.js';
import type { ScenarioTraffic } from './traffic.js';
import { zipfShare } from './zipf.js';

/**
 * Each stream's hottest shard (packages/events/src/inventory-stream.ts, inventoryPartitionKey).
 * Stock moves (checkout) go in by product, so the shard holding the top product takes its Zipf
 * share p plus 1/S of the rest: p + (1-p)/S. Cart changes go in by product and one of
 * CART_KEY_SPREAD (K) buckets by shopper: the hottest shard takes at most two of the top
 * product's K keys, 2p/K, plus 1/S of the rest. Every reader gets every record of its shard and polls it every
 * interval.
 */
export function streamResources(
  traffic: ScenarioTraffic[],
  capacity: Record<string, ScenarioCapacity>,
  target: Target,
  settings: ProductionSettings,
): Resource[] {
  const shards = settings.inventoryShards;
  const top = zipfShare(1, target.products, target.zipf);
  // A product's cart changes use CART_KEY_SPREAD keys; two of them may share a shard.
  const cartTop = Math.min(top, (top * 2) / CART_KEY_SPREAD);
  const shareOf = (t: ScenarioTraffic) =>
    t.name === 'cart' ? cartTop + (1 - top) / shards : top + (1 - top) / shards;
  // Records and bytes the hottest shard takes (the shares already applied).
  const streams = new Map<string, { records: number; bytes: number }>();
  for (const t of traffic) {
    const c = capacity[t.name];
    const requests = c ? t.labels.reduce((n, l) => n + (c.requests[l] ?? 0), 0) : 0;
    if (!c || requests === 0) continue;
    for (const row of c.kinesis.filter((r) => r.direction === 'in')) {
      const s = streams.get(row.stream) ?? { records: 0, bytes: 0 };
      s.records += (t.rate * row.records * shareOf(t)) / requests;
      s.bytes += (t.rate * row.bytes * shareOf(t)) / requests;
      streams.set(row.stream, s);
    }
  }
  const readers = settings.inventoryConsumerLease ? 1 : sizing(settings, 'catalog').maxTasks;
  const polls = readers * (1000 / settings.inventoryPollIntervalMs);
  const name = (stream: string, what: string) =>
    `${stream.replace(/^shopeasy-[a-z0-9]+-/, '')} hottest shard ${what}`;
  const readersNote = `${readers} reader(s) ${settings.inventoryConsumerLease ? '(lease)' : '(every catalog task, no lease)'}`;
  return [...streams].flatMap(([stream, s]) => [
    judge({
      group: 'stream',
      name: name(stream, 'records in'),
      load: s.records,
      limit: SHARD_IN_RECORDS,
      unit: 'records/s',
      threshold: HOT_KEY_HEADROOM,
      note: `${shards} shards; cart changes over ${CART_KEY_SPREAD} keys a product, stock moves by product`,
    }),
    judge({
      group: 'stream',
      name: name(stream, 'bytes in'),
      load: s.bytes,
      limit: SHARD_IN_BYTES,
      unit: 'B/s',
      threshold: HOT_KEY_HEADROOM,
    }),
    judge({
      group: 'stream',
      name: name(stream, 'bytes out'),
      load: s.bytes * readers,
      limit: SHARD_OUT_BYTES,
      unit: 'B/s',
      threshold: HOT_KEY_HEADROOM,
      note: readersNote,
    }),
    judge({
      group: 'stream',
      name: name(stream, 'GetRecords'),
      load: polls,
      limit: SHARD_GET_RECORDS,
      unit: 'calls/s',
      threshold: HOT_KEY_HEADROOM,
      note: `${readersNote}, poll ${settings.inventoryPollIntervalMs} ms`,
    }),
  ]);
}
