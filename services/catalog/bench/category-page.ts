// Benchmark, not a test: seeds the demo catalog into a fresh emulator and times category pages.
//   npm run bench -w @shopeasy/catalog [-- --requests 200 --limit 20]
// Starts its own emulator on a free port and stops it (by PID) when done.
import { parseArgs } from 'node:util';
import { provision, startEmulator } from '@shopeasy/local-aws';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { startTestIssuer } from '@shopeasy/service-kit/testing';
import { loadCatalogConfig } from '../src/config.js';
import { createCatalogRepository } from '../src/data-access/catalog-repository.js';
import { startCatalog } from '../src/index.js';
import { seedCatalog } from '../src/seed/seed.js';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '200' }, limit: { type: 'string', default: '20' } },
});
const requests = Number(values.requests);
const limit = Number(values.limit);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times `count` sequential GETs of the URLs `urlOf(i)` gives and prints p50/p99. */
async function measure(label: string, count: number, urlOf: (i: number) => string): Promise<void> {
  const timings: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(urlOf(i));
    await res.arrayBuffer();
    timings.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`GET ${urlOf(i)} answered ${res.status}`);
  }
  timings.sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `${label} (${count} sequential requests): p50 ${ms(percentile(timings, 50))}, ` +
      `p99 ${ms(percentile(timings, 99))}, max ${ms(timings.at(-1)!)}`,
  );
}

const emulator = await startEmulator({ port: 0 });
const issuer = await startTestIssuer();
try {
  const env = await provision({ endpoint: emulator.endpoint });
  const config = loadCatalogConfig({
    ...process.env,
    ...env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWKS_URL: issuer.jwksUrl,
  });
  const aws = createAwsClients(config);
  const seeded = await seedCatalog(createCatalogRepository(aws.dynamo, config.CATALOG_TABLE), {
    ifEmpty: false,
  });
  console.log(
    `seed: ${seeded.products} products, ${seeded.categories} categories, ${seeded.items} items in ` +
      `${(seeded.durationMs / 1000).toFixed(2)} s (${Math.round(seeded.items / (seeded.durationMs / 1000))} items/s)`,
  );

  const catalog = await startCatalog(config, { metrics: false });
  const categories = (await (await fetch(`${catalog.url}/v1/categories`)).json()) as {
    items: { id: string }[];
  };
  const sorts = ['newest', 'price_asc', 'price_desc', 'rating'];
  const base = catalog.url;
  await measure(`category page, limit ${limit}, all four orders`, requests, (i) => {
    const category = categories.items[i % categories.items.length]!;
    return `${base}/v1/categories/${category.id}/products?sort=${sorts[i % sorts.length]}&limit=${limit}`;
  });
  // For comparison: one GetItem per request instead of one index query.
  const first = (await (await fetch(`${base}/v1/products?limit=100`)).json()) as { items: { id: string }[] };
  await measure(
    'product detail',
    requests,
    (i) => `${base}/v1/products/${first.items[i % first.items.length]!.id}`,
  );
  await measure(
    'search "leather"',
    Math.min(requests, 50),
    () => `${base}/v1/products?q=leather&limit=${limit}`,
  );
  await catalog.stop(1_000);
  aws.destroy();
} finally {
  await issuer.stop();
  await emulator.stop();
}
