import { randomUUID } from 'node:crypto';
import { buildApp, createCatalogRepository } from '@shopeasy/catalog';
import { createTokenVerifier, LOCAL_INTERNAL_API_KEY } from '@shopeasy/service-kit/auth';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import type { TestIssuer } from '@shopeasy/service-kit/testing';
import { call } from './http.js';

export interface TestProduct {
  id: string;
  name: string;
  price: { amount: number; currency: string };
  stock: number;
}

/** The real catalog service in-process on a free port, with an admin who sets up products. */
export interface RunningCatalog {
  url: string;
  createProduct(fields?: Partial<{ name: string; amount: number; stock: number }>): Promise<TestProduct>;
  updateProduct(productId: string, patch: Record<string, unknown>): Promise<void>;
  setStock(productId: string, stock: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startCatalog(issuer: TestIssuer, currency = 'EUR'): Promise<RunningCatalog> {
  const aws = createAwsClients({
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
  });
  const app = await buildApp({
    logger: createLogger('catalog', process.env.TEST_LOG_LEVEL ?? 'silent'),
    verifier: createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwksUrl }),
    store: createCatalogRepository(aws.dynamo, required('CATALOG_TABLE')),
    currency,
    internalApiKey: LOCAL_INTERNAL_API_KEY,
    strictResponses: true,
  });
  const running = await startServer(app, 0);
  const url = running.url;
  const admin = await issuer.token({ userId: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMA', role: 'admin' });
  const expect = async (status: number, reply: Promise<{ status: number; body: unknown }>) => {
    const { status: actual, body } = await reply;
    if (actual !== status) throw new Error(`catalog answered ${actual}: ${JSON.stringify(body)}`);
    return body as Record<string, unknown>;
  };
  const category = await expect(
    201,
    call(url, 'POST', '/v1/categories', { token: admin, body: { name: `Cart tests ${randomUUID()}` } }),
  );

  return {
    url,
    async createProduct(fields = {}) {
      const body = {
        categoryId: category.id,
        name: fields.name ?? `Trail Shoe ${randomUUID().slice(0, 8)}`,
        description: 'A product made for cart tests.',
        price: { amount: fields.amount ?? 8999, currency },
        stock: fields.stock ?? 50,
      };
      return (await expect(
        201,
        call(url, 'POST', '/v1/products', { token: admin, body }),
      )) as unknown as TestProduct;
    },
    async updateProduct(productId, patch) {
      await expect(200, call(url, 'PATCH', `/v1/products/${productId}`, { token: admin, body: patch }));
    },
    async setStock(productId, stock) {
      await expect(
        200,
        call(url, 'PUT', `/v1/products/${productId}/stock`, { token: admin, body: { stock } }),
      );
    },
    async stop() {
      await running.close(1_000);
      aws.destroy();
    },
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: is the emulator global setup listed in vitest.config.ts?`);
  return value;
}
