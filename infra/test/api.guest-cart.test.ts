import { describe, expect, it } from 'vitest';
import { resourcesOf, synthEnvironment } from './support/synth.js';

type Operation = { security?: Record<string, string[]>[] };
type Body = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Record<string, unknown>> };
};

const api = synthEnvironment('dev').template('api');
const [restApi] = Object.values(resourcesOf(api, 'AWS::ApiGateway::RestApi'));
const body = restApi!.Properties.Body as Body;
const securityOf = (method: string, path: string) => body.paths[path]?.[method]?.security;
const authorizerOf = (scheme: string) =>
  body.components.securitySchemes[scheme]!['x-amazon-apigateway-authorizer'] as Record<string, unknown>;

describe('guest carts in the public API (X-Cart-Token)', () => {
  it('When the cart operations are read, then a REQUEST authorizer guards them and a customer-only operation keeps the token authorizer', () => {
    for (const [method, path] of [
      ['get', '/v1/cart'],
      ['delete', '/v1/cart'],
      ['post', '/v1/cart/items'],
      ['patch', '/v1/cart/items/{productId}'],
      ['delete', '/v1/cart/items/{productId}'],
    ] as const) {
      expect(securityOf(method, path), `${method} ${path}`).toEqual([{ shopeasyGuestCart: [] }]);
    }
    expect(securityOf('post', '/v1/carts')).toEqual([]);
    expect(securityOf('post', '/v1/cart/merge')).toEqual([{ shopeasyJwt: [] }]);
    expect(securityOf('post', '/v1/orders')).toEqual([{ shopeasyJwt: [] }]);
  });

  it('When the guest-cart authorizer is read, then it is the same function, uncached, reading both headers', () => {
    const guest = authorizerOf('shopeasyGuestCart');
    const bearer = authorizerOf('shopeasyJwt');

    expect(guest).toMatchObject({
      type: 'request',
      // Not cached: API Gateway then calls it even when one of the two headers is missing.
      authorizerResultTtlInSeconds: 0,
      identitySource: 'method.request.header.Authorization, method.request.header.X-Cart-Token',
    });
    expect(guest.authorizerUri).toEqual(bearer.authorizerUri);
    expect(JSON.stringify(guest.authorizerUri)).toMatch(/Authorizer[0-9A-F]{8}","Arn"/);
    expect(bearer).toMatchObject({ type: 'token', authorizerResultTtlInSeconds: 300 });
  });
});
