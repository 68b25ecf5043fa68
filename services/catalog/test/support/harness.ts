import { randomUUID } from 'node:crypto';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { callJson, startTestIssuer, type JsonReply, type TestIssuer } from '@shopeasy/service-kit/testing';
import { loadCatalogConfig, type CatalogConfig } from '../../src/config.js';
import { createCatalogRepository, type CatalogRepository } from '../../src/data-access/catalog-repository.js';
import { startCatalog } from '../../src/index.js';

/** The catalog running in-process on a free port against the emulator, with a token issuer. */
export interface Harness {
  url: string;
  issuer: TestIssuer;
  /** Direct data access to the same table (for ratings, which only events change). */
  repository: CatalogRepository;
  adminToken: string;
  customerToken: string;
  config: CatalogConfig;
  /** One pass of the expired-reservation sweeper (which otherwise waits an hour between passes). */
  sweepReservations(): Promise<number>;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<JsonReply<T>>;
  /** A call to an `/internal/` operation with the service key. */
  internal<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<JsonReply<T>>;
  stop(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const issuer = await startTestIssuer();
  const config = loadCatalogConfig({
    ...process.env,
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWKS_URL: issuer.jwksUrl,
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.audience,
    // Consumer tests start their consumers themselves, with their own stream and settings.
    INVENTORY_CONSUMER_ENABLED: 'false',
    RATINGS_CONSUMER_ENABLED: 'false',
    // Sweeps happen when a test asks for one, never behind its back.
    RESERVATION_SWEEP_INTERVAL_MS: '3600000',
    ...env,
  });
  const catalog = await startCatalog(config, { metrics: false });
  const aws = createAwsClients(config);
  const url = catalog.url;
  const call: Harness['call'] = (method, path, options = {}) => callJson(url, method, path, options);
  return {
    url,
    issuer,
    config,
    sweepReservations: () => catalog.reservationSweeper.runOnce(),
    repository: createCatalogRepository(aws.dynamo, config.CATALOG_TABLE),
    adminToken: await issuer.token({ userId: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMA', role: 'admin' }),
    customerToken: await issuer.token({ userId: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMN', role: 'customer' }),
    call,
    internal: (method, path, body) =>
      call(method, path, { body, headers: { 'x-internal-key': config.INTERNAL_API_KEY } }),
    async stop() {
      await catalog.stop(1_000);
      aws.destroy();
      await issuer.stop();
    },
  };
}

/** A name no other test uses. */
export function unique(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}
