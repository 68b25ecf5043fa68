import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, LISTINGS, PARTITIONS } from '../src/data-access/keys.js';
import { createCategory, createProduct, type ApiPage, type ApiProduct } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

// Stock and units in carts live in the product's LIVE item, which no index holds: the churn of
// carts and checkouts must leave every listing entry as it was.
let h: Harness;
let aws: ReturnType<typeof createAwsClients>;
let categoryId: string;

beforeAll(async () => {
  h = await startHarness();
  aws = createAwsClients(h.config);
  categoryId = await createCategory(h);
});

afterAll(async () => {
  aws?.destroy();
  await h?.stop();
});

/** The product's entries in its category's and the all-products newest-first listings, as stored. */
async function listingEntries(productId: string) {
  const read = async (index: { index: string; pk: string }, partition: string) => {
    const { Items = [] } = await aws.dynamo.send(
      new QueryCommand({
        TableName: h.config.CATALOG_TABLE,
        IndexName: index.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.pk },
        ExpressionAttributeValues: { ':pk': partition },
      }),
    );
    return Items.find((item) => item.id === productId);
  };
  return Promise.all([
    read(LISTINGS.category.newest, PARTITIONS.category(categoryId)),
    read(LISTINGS.all.price, PARTITIONS.allProducts),
  ]);
}

/** What the inventory consumer does on a cart change: one update of the LIVE item. */
async function putInCarts(productId: string, inCarts: number, at: string) {
  await aws.dynamo.send(
    new UpdateCommand({
      TableName: h.config.CATALOG_TABLE,
      Key: KEYS.live(productId),
      UpdateExpression: 'SET #inCarts = :n, #at = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#inCarts': 'inCarts', '#at': 'inCartsUpdatedAt' },
      ExpressionAttributeValues: { ':n': inCarts, ':at': at },
    }),
  );
}

describe('the LIVE item', () => {
  it('When units go into carts, then the listing entries stay as they were and hold no stock or cart count', async () => {
    const product = await createProduct(h, categoryId, { stock: 7 });
    const before = await listingEntries(product.id);

    await putInCarts(product.id, 3, new Date().toISOString());

    const after = await listingEntries(product.id);
    expect(before.every((entry) => entry?.name === product.name)).toBe(true);
    expect(after).toEqual(before);
    for (const entry of after) {
      expect(entry).not.toHaveProperty('stock');
      expect(entry).not.toHaveProperty('inCarts');
      expect(entry).not.toHaveProperty('tokens');
    }
  });

  it('When a listing page is read, then it shows the stock and units in carts of each LIVE item', async () => {
    const product = await createProduct(h, categoryId, { stock: 9 });
    const at = new Date(Date.now() + 1_000).toISOString();
    await putInCarts(product.id, 4, at);

    const page = await h.call<ApiPage<ApiProduct>>('GET', `/v1/categories/${categoryId}/products?limit=100`);
    const listed = page.body.items.find((p) => p.id === product.id);

    expect(listed?.stock).toBe(9);
    expect(listed?.availability).toEqual({ inCarts: 4, updatedAt: at });
    const detail = await h.call<ApiProduct>('GET', `/v1/products/${product.id}`);
    expect(detail.body.availability).toEqual({ inCarts: 4, updatedAt: at });
  });

  it('When an admin sets the stock, then the listing entries stay as they were and the product shows the change as its update', async () => {
    const product = await createProduct(h, categoryId, { stock: 2 });
    const before = await listingEntries(product.id);

    const res = await h.call<ApiProduct>('PUT', `/v1/products/${product.id}/stock`, {
      token: h.adminToken,
      body: { stock: 40 },
    });

    expect(res.status).toBe(200);
    expect(await listingEntries(product.id)).toEqual(before);
    expect(res.body.updatedAt > product.updatedAt).toBe(true);
    const detail = await h.call<ApiProduct>('GET', `/v1/products/${product.id}`);
    expect(detail.body).toMatchObject({ stock: 40, updatedAt: res.body.updatedAt });
  });

  it('When a product is deleted, then its stock can no longer be set', async () => {
    const product = await createProduct(h, categoryId);
    const deleted = await h.call('DELETE', `/v1/products/${product.id}`, { token: h.adminToken });
    expect(deleted.status).toBe(204);

    const res = await h.call('PUT', `/v1/products/${product.id}/stock`, {
      token: h.adminToken,
      body: { stock: 5 },
    });

    expect(res.status).toBe(404);
  });
});
