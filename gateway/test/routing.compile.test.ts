import { describe, expect, it } from 'vitest';
import { compileRoutes, RouteTable } from '../src/routing/index.js';

const hosts = { catalogHost: 'http://127.0.0.1:9002' };
const operation = (integration: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  operationId: 'getThing',
  'x-shopeasy-service': 'catalog',
  security: [],
  'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', ...integration },
  ...extra,
});
const documentWith = (paths: Record<string, Record<string, unknown>>) => ({ openapi: '3.0.3', paths });

describe('Compiling the API Gateway document', () => {
  it('When an integration names a stage variable the gateway has no value for, then loading fails naming the operation', () => {
    const doc = documentWith({
      '/v1/things': { get: operation({ uri: 'http://${stageVariables.billingHost}/v1/things' }) },
    });
    expect(() => compileRoutes(doc, hosts)).toThrow(
      /GET \/v1\/things: no value for the stage variable billingHost/,
    );
  });

  it('When an integration is not an http_proxy or leaves a path parameter unmapped, then loading fails', () => {
    const lambda = documentWith({
      '/v1/things': { get: operation({ type: 'aws_proxy', uri: 'arn:aws:lambda:x' }) },
    });
    expect(() => compileRoutes(lambda, hosts)).toThrow(/needs an http_proxy/);
    const unmapped = documentWith({
      '/v1/things/{id}': { get: operation({ uri: 'http://${stageVariables.catalogHost}/v1/things/{id}' }) },
    });
    expect(() => compileRoutes(unmapped, hosts)).toThrow(/\{id\} is not mapped/);
  });

  it('When the integration maps a path parameter under another name, then the service gets it where the integration says', () => {
    const doc = documentWith({
      '/v1/things/{thingId}': {
        get: operation({
          uri: 'http://${stageVariables.catalogHost}/internal/items/{itemId}',
          requestParameters: { 'integration.request.path.itemId': 'method.request.path.thingId' },
        }),
      },
    });
    const table = new RouteTable(compileRoutes(doc, hosts));
    const match = table.match('GET', '/v1/things/th%2F1');
    if (match.kind !== 'found') throw new Error(`expected a match, got ${match.kind}`);
    expect(table.upstreamUrl(match.route, match.params, '?a=1')).toBe(
      'http://127.0.0.1:9002/internal/items/th%2F1?a=1',
    );
  });

  it('When an operation is secured and carries roles, then the route requires them', () => {
    const doc = documentWith({
      '/v1/things': {
        post: operation(
          { uri: 'http://${stageVariables.catalogHost}/v1/things', httpMethod: 'POST' },
          {
            security: [{ shopeasyJwt: [] }],
            'x-shopeasy-roles': ['admin'],
          },
        ),
      },
    });
    expect(compileRoutes(doc, hosts)[0]).toMatchObject({
      method: 'POST',
      secured: true,
      roles: ['admin'],
      service: 'catalog',
    });
  });
});
