import type { IncomingHttpHeaders } from 'node:http';
import { runWithContext } from '@shopeasy/service-kit/context';
import { ServiceUnavailableError } from '@shopeasy/service-kit/errors';
import { newId } from '@shopeasy/service-kit/ids';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { startStubServer, type StubServer } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogClient } from '../src/clients/catalog-client.js';

// A catalog stand-in that answers per the contract, so each answer the cart must map is reachable.
let catalog: StubServer;
const seen: IncomingHttpHeaders[] = [];
const known = newId('prd');
const broken = newId('prd');

beforeAll(async () => {
  catalog = await startStubServer((req, res) => {
    seen.push(req.headers);
    const id = req.url?.split('/').pop();
    if (id === known) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          categoryId: newId('cat'),
          name: 'Trail Running Shoe',
          description: '',
          price: { amount: 8999, currency: 'EUR' },
          stock: 4,
          active: true,
          rating: { average: 0, count: 0 },
          createdAt: '2025-11-20T10:00:00Z',
          updatedAt: '2025-11-20T10:00:00Z',
        }),
      );
    } else if (id === broken) {
      res.writeHead(500, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }));
    } else {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }));
    }
  });
});
afterAll(() => catalog.stop());

const client = () =>
  createCatalogClient({ baseUrl: catalog.url, timeoutMs: 2_000, logger: createLogger('cart', 'silent') });

describe('the catalog client', () => {
  it('When the catalog knows the product, then the cart gets its name, price, stock and the request id travels along', async () => {
    const product = await runWithContext({ requestId: 'req-cart-42', traceId: 'trace-1' }, () =>
      client().findProduct(known),
    );

    expect(product).toEqual({
      id: known,
      name: 'Trail Running Shoe',
      price: { amount: 8999, currency: 'EUR' },
      stock: 4,
      active: true,
    });
    expect(seen.at(-1)?.['x-request-id']).toBe('req-cart-42');
  });

  it('When the catalog answers 404, then the product is not for sale (undefined)', async () => {
    expect(await client().findProduct(newId('prd'))).toBeUndefined();
  });

  it('When the catalog fails, then the cart reports itself unavailable (503), not the product missing', async () => {
    await expect(client().findProduct(broken)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
