import { buildApp, createCatalogRepository, loadCatalogConfig } from '@shopeasy/catalog';
import { createTokenVerifier } from '@shopeasy/service-kit/auth';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { type RunningServer, startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { callJson, startTestIssuer, type TestIssuer } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContractFile, runSmoke } from '../src/index.js';

let issuer: TestIssuer;
let catalog: RunningServer;

beforeAll(async () => {
  issuer = await startTestIssuer();
  const config = loadCatalogConfig({
    ...process.env,
    PORT: '0',
    NODE_ENV: 'test',
    JWKS_URL: issuer.jwksUrl,
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.audience,
  });
  const aws = createAwsClients(config);
  const app = await buildApp({
    logger: createLogger('catalog', 'silent'),
    verifier: createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwksUrl }),
    store: createCatalogRepository(aws.dynamo, config.CATALOG_TABLE),
    currency: config.CATALOG_CURRENCY,
    internalApiKey: config.INTERNAL_API_KEY,
    strictResponses: true,
  });
  catalog = await startServer(app, 0);
  const admin = await issuer.token({ userId: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMA', role: 'admin' });
  const post = async (path: string, body: unknown) => {
    const reply = await callJson<{ id: string }>(catalog.url, 'POST', path, { body, token: admin });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const category = await post('/v1/categories', { name: 'Smoke Footwear' });
  await post('/v1/products', {
    categoryId: category.id,
    name: 'Smoke Trail Shoe',
    description: 'A product the smoke test reads.',
    price: { amount: 8999, currency: config.CATALOG_CURRENCY },
    stock: 3,
  });
});

afterAll(async () => {
  await catalog?.close(1000);
  await issuer?.stop();
});

describe('the release smoke test against a running catalog', () => {
  it('When the catalog holds a product, then every catalog read check and both health checks pass against the contract', async () => {
    const report = await runSmoke({
      baseUrl: catalog.url,
      service: 'catalog',
      health: true,
      contract: readContractFile(),
    });

    expect(report.results.filter((r) => r.problems.length > 0)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.results.map((r) => [r.name, r.status])).toEqual([
      ['health /health/live', 200],
      ['health /health/ready', 200],
      ['catalog listCategories 200', 200],
      ['catalog listProducts 200', 200],
      ['catalog getProduct 200', 200],
      ['catalog getProduct 404', 404],
      ['catalog listCategoryProducts 200', 200],
    ]);
    expect(report.results.find((r) => r.name === 'catalog getProduct 200')!.path).toMatch(
      /^\/v1\/products\/prd_[0-9A-Z]{26}$/,
    );
  });

  it('When the checks of another service run against the catalog, then they fail: the catalog has no such routes', async () => {
    const report = await runSmoke({ baseUrl: catalog.url, service: 'cart', contract: readContractFile() });

    expect(report.ok).toBe(false);
    expect(report.results).toEqual([
      expect.objectContaining({
        name: 'cart getCart 401',
        status: 404,
        problems: expect.arrayContaining(['expected 401, got 404']),
      }),
    ]);
  });
});
