import type { Target } from '../src/flags.js';
import type { ProductionSettings } from '../src/settings.js';

/** Small hand-made settings so that the model's figures can be worked out on paper. */
export const SETTINGS: ProductionSettings = {
  taskCpuUnits: 1024,
  maxTasks: 2,
  services: {},
  apiRateLimit: 500,
  apiBurstLimit: 1000,
  inventoryShards: 2,
  catalogCacheTtlSeconds: 10,
  inventoryPollIntervalMs: 500,
  inventoryConsumerLease: false,
  edgeCache: { enabled: false, maxAgeSeconds: 10, inApiGateway: false },
  quotas: { apiAccountRps: 10_000, tableReadUnits: 40_000, tableWriteUnits: 40_000 },
  searchKeys: 4,
  urlsPerCategory: 1,
};

/** 4 products (top share 12/25), 2 categories (top share 2/3), s = 1. */
export const TARGET: Target = {
  rates: { browse: 100, detail: 50, search: 10, cart: 1000, checkout: 100 },
  products: 4,
  categories: 2,
  zipf: 1,
  changesPerShopper: 1,
};

export const FIXTURE = new URL('./fixtures/load-results.json', import.meta.url).pathname;
