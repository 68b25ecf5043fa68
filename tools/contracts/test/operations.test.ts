import { describe, expect, it } from 'vitest';
import {
  buildBundles,
  listOperations,
  loadBundle,
  loadBundleSync,
  matchOperation,
  substitutePlaceholders,
} from '../lib.mjs';

describe('operation helpers', () => {
  it('When operations are listed, then each carries its service, security and roles', async () => {
    const { openapi, apigateway } = await buildBundles();
    const operations = listOperations(openapi);
    expect(operations).toHaveLength(32);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(32);
    expect(listOperations(apigateway)).toEqual(operations);
    expect(listOperations(await loadBundle({ flavour: 'apigateway' }))).toEqual(operations);
    expect(listOperations(loadBundleSync())).toEqual(operations);
    expect(operations.find((o) => o.operationId === 'createProduct')).toEqual({
      operationId: 'createProduct',
      method: 'POST',
      path: '/v1/products',
      service: 'catalog',
      secured: true,
      roles: ['admin'],
    });
    expect(operations.find((o) => o.operationId === 'getCart')).toMatchObject({
      service: 'cart',
      secured: true,
      roles: ['customer', 'admin'],
    });
    expect(operations.find((o) => o.operationId === 'getJwks')).toMatchObject({
      path: '/v1/.well-known/jwks.json',
      secured: false,
      roles: [],
    });
  });

  it('When a request path is matched, then literal routes win and path parameters are decoded', async () => {
    const operations = listOperations((await buildBundles()).openapi);
    expect(
      matchOperation(operations, 'get', '/v1/products/prd_01J9Z3QK8Y4V7N2M5T6R8W0XAB/reviews'),
    ).toMatchObject({
      operation: { operationId: 'listProductReviews', service: 'feedback' },
      params: { productId: 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XAB' },
    });
    expect(matchOperation(operations, 'GET', '/v1/products')?.operation.operationId).toBe('listProducts');
    expect(matchOperation(operations, 'PUT', '/v1/products/prd_1/stock')?.operation.operationId).toBe(
      'setProductStock',
    );
    expect(matchOperation(operations, 'GET', '/v1/nowhere')).toBeNull();
    expect(matchOperation(operations, 'PUT', '/v1/cart')).toBeNull();
  });

  it('When placeholders are substituted, then only the named ones change', async () => {
    const { apigateway } = await buildBundles();
    const uri =
      'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:jwt/invocations';
    const doc = substitutePlaceholders(apigateway, { ShopEasyAuthorizerUri: uri });
    expect(doc.components.securitySchemes.shopeasyJwt['x-amazon-apigateway-authorizer'].authorizerUri).toBe(
      uri,
    );
    expect(doc.paths['/v1/cart'].get['x-amazon-apigateway-integration'].uri).toBe(
      'http://${stageVariables.cartHost}/v1/cart',
    );
    expect(
      apigateway.components.securitySchemes.shopeasyJwt['x-amazon-apigateway-authorizer'].authorizerUri,
    ).toBe('${ShopEasyAuthorizerUri}');
  });
});
