import { loadConfig } from '@shopeasy/service-kit';
import { TABLE_ENV, localEnvironment } from '@shopeasy/resources';
import { z } from 'zod';

const local = localEnvironment();

const catalogShape = {
  [TABLE_ENV.catalog]: z.string().min(1).default(local.CATALOG_TABLE),
  /** Every price in the catalog is in this currency, so prices order and filter meaningfully. */
  CATALOG_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .default('EUR'),
} as const;

/** The catalog service's configuration: base variables plus its table and currency. */
export function loadCatalogConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(8082, catalogShape, env);
}

export type CatalogConfig = ReturnType<typeof loadCatalogConfig>;
