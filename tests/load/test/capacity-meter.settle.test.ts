import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { withoutStockReads } from '../src/capacity-harness.js';
import { openMeter, type CapacityReading, type DynamoRow } from '../src/capacity-meter.js';
import { browseProbePaths, detailProbePaths, searchProbePaths } from '../src/capacity-probes.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** An emulator stand-in whose meter shows `writes[i]` write requests on its i-th read. */
async function fakeMeter(writes: number[] | undefined): Promise<{ endpoint: string; reads: () => number }> {
  let reads = 0;
  server = createServer((req, res) => {
    if (!writes || !req.url?.startsWith('/_shopeasy/capacity')) return void res.writeHead(404).end();
    if (req.method === 'POST') return void res.writeHead(204).end();
    const requests = writes[Math.min(reads++, writes.length - 1)]!;
    const reading: CapacityReading = {
      since: '2026-12-07T10:00:00.000Z',
      until: '2026-12-07T10:00:12.500Z',
      dynamodb: [
        {
          table: 't',
          index: null,
          partition: 'P',
          item: 'P|S',
          operation: 'PutItem',
          kind: 'write',
          consistent: false,
          transactional: false,
          requests,
          units: requests,
          bytes: 100,
          maxItemBytes: 100,
        },
      ],
      kinesis: [],
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reading));
  });
  await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, reads: () => reads };
}

describe('Capacity meter', () => {
  it('When workers are still writing, then the reading waits until two reads 1 s apart agree', async () => {
    const fake = await fakeMeter([5, 9, 12, 12]);
    const meter = await openMeter(fake.endpoint);
    if ('problem' in meter) throw new Error(meter.problem);
    const reading = await meter.readSettled();
    expect(reading.dynamodb[0]!.requests).toBe(12);
    // One read to open the meter, then 9 → 12 → 12.
    expect(fake.reads()).toBe(4);
  });

  it('When the emulator has no meter, then the run is told why instead of failing', async () => {
    const fake = await fakeMeter(undefined);
    const meter = await openMeter(fake.endpoint);
    expect(meter).toEqual({
      problem: `no capacity meter at ${fake.endpoint}/_shopeasy/capacity (answered 404)`,
    });
  });
});

describe('Cold probes', () => {
  it('When probing, then every key is distinct and there are at most 40', () => {
    const categories = Array.from({ length: 12 }, (_, i) => `cat_${i}`);
    const browse = browseProbePaths(categories);
    expect(browse).toHaveLength(40);
    expect(new Set(browse).size).toBe(40);
    expect(browse[0]).toBe('/v1/categories/cat_0/products?limit=20&sort=newest');
    expect(detailProbePaths(['prd_a', 'prd_b'])).toEqual(['/v1/products/prd_a', '/v1/products/prd_b']);
    expect(searchProbePaths(['tea pot'])).toEqual(['/v1/products?q=tea%20pot&limit=20']);
  });
});

describe('Checkout window', () => {
  const row = (
    operation: DynamoRow['operation'],
    partition: string,
    requests: number,
    units: number,
  ): DynamoRow => ({
    table: 'shopeasy-local-catalog',
    index: null,
    partition,
    item: null,
    operation,
    kind: 'read',
    consistent: true,
    transactional: false,
    requests,
    units,
    bytes: requests * 1000,
    maxItemBytes: 1000,
  });

  it("When the harness sampled the stock 30 times, then those reads leave the product's row and checkout's stay", () => {
    const rows = [row('Query', 'PRODUCT#prd_x', 40, 80), row('BatchGetItem', 'PRODUCT#prd_x', 100, 200)];
    expect(withoutStockReads(rows, 'prd_x', 30)).toEqual([
      { ...rows[0], requests: 10, units: 20, bytes: 10_000 },
      rows[1],
    ]);
    expect(withoutStockReads(rows, 'prd_x', 45)).toEqual([rows[1]]);
    expect(withoutStockReads(rows, 'prd_other', 30)).toEqual(rows);
  });
});
