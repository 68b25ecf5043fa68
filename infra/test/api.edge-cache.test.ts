import { describe, expect, it } from 'vitest';
import { cachedRoutes } from '../lib/constructs/api/api-cache.js';
import { contractOperations, readContract } from '../lib/constructs/api/api-definition.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

type MethodSetting = {
  HttpMethod: string;
  ResourcePath: string;
  CachingEnabled?: boolean;
  CacheDataEncrypted?: boolean;
  CacheTtlInSeconds?: number;
  LoggingLevel?: string;
  ThrottlingRateLimit?: number;
};

const contract = readContract();
const api = synthEnvironment('dev').template('api');
const [stage] = Object.values(resourcesOf(api, 'AWS::ApiGateway::Stage'));
const settings = stage!.Properties.MethodSettings as MethodSetting[];
// CloudFormation spells a resource path `/v1/x` as `/~1v1~1x`.
const routeOf = (s: MethodSetting) => `${s.HttpMethod} ${s.ResourcePath.slice(1).replace(/~1/g, '/')}`;

describe('the edge cache of the public catalog reads', () => {
  it('When the stage is synthesized, then it has an encrypted cache cluster that is off by default', () => {
    expect(stage!.Properties).toMatchObject({ CacheClusterEnabled: true, CacheClusterSize: '0.5' });
    const stageWide = settings.find((s) => s.HttpMethod === '*' && s.ResourcePath === '/*');
    expect(stageWide).toMatchObject({
      CachingEnabled: false,
      CacheDataEncrypted: true,
      LoggingLevel: 'INFO',
    });
  });

  it('When the public reads are looked up, then each is cached, encrypted, for its contract max-age of 5 s and still logged and throttled', () => {
    const cached = settings.filter((s) => s.CachingEnabled);
    expect(cached.map(routeOf).sort()).toEqual([
      'GET /v1/categories',
      'GET /v1/categories/{categoryId}/products',
      'GET /v1/products',
      'GET /v1/products/{productId}',
      'GET /v1/products/{productId}/reviews',
    ]);
    for (const setting of cached) {
      expect(setting, routeOf(setting)).toMatchObject({
        CacheDataEncrypted: true,
        CacheTtlInSeconds: 5,
        LoggingLevel: 'INFO',
        ThrottlingRateLimit: 50,
      });
    }
  });

  it('When a route has the authorizer, then nothing of it is cached', () => {
    const secured = new Set(
      contractOperations(contract)
        .filter((op) => op.secured)
        .map((op) => `${op.method} ${op.path}`),
    );
    expect(secured.size).toBeGreaterThan(5);
    const cached = settings.filter((s) => s.CachingEnabled).map(routeOf);
    expect(cached.filter((route) => secured.has(route))).toEqual([]);
  });

  it('When a copy of the contract secures a public read, then it is no longer cached', () => {
    const copy = structuredClone(contract);
    copy.paths['/v1/products/{productId}']!.get!.security = [{ shopeasyJwt: [] }];
    expect(cachedRoutes(copy).map((r) => r.path)).not.toContain('/v1/products/{productId}');
    expect(cachedRoutes(contract).map((r) => r.path)).toContain('/v1/products/{productId}');
  });
});
