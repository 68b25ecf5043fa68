import { parseArgs } from 'node:util';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { loadCatalogConfig } from '../config.js';
import { createCatalogRepository } from '../data-access/catalog-repository.js';
import { seedCatalog } from './seed.js';

// Usage: seed [--if-empty] [--products <n>]
// Loads the demo catalog into CATALOG_TABLE; with --if-empty only when the catalog is empty.

const { values } = parseArgs({
  options: {
    'if-empty': { type: 'boolean', default: false },
    products: { type: 'string' },
  },
});
const products = values.products === undefined ? undefined : Number(values.products);
if (products !== undefined && (!Number.isInteger(products) || products < 1)) {
  console.error(`--products must be a positive integer, got "${values.products}"`);
  process.exit(2);
}

const config = loadCatalogConfig();
const aws = createAwsClients(config);
try {
  const result = await seedCatalog(createCatalogRepository(aws.dynamo, config.CATALOG_TABLE), {
    ifEmpty: values['if-empty'],
    products,
    currency: config.CATALOG_CURRENCY,
  });
  const seconds = (result.durationMs / 1000).toFixed(1);
  console.log(
    result.skipped
      ? `Catalog ${config.CATALOG_TABLE} already has data; wrote 0 products (checked in ${seconds} s).`
      : `Seeded ${config.CATALOG_TABLE}: ${result.categories} categories, ${result.products} products ` +
          `(${result.items} items) in ${seconds} s.`,
  );
} catch (error) {
  console.error(`Seeding ${config.CATALOG_TABLE} failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  aws.dynamo.destroy();
}
