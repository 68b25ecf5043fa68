import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import { contractOperations, type ApiDocument } from './api-definition.js';

/** The smallest cache cluster (0.5 GB): public catalog pages are small and live 5 s. */
export const API_CACHE_CLUSTER_SIZE = '0.5';

/** A route whose answers the stage caches, for as long as its contract's max-age. */
export interface CachedRoute {
  readonly method: 'GET';
  readonly path: string;
  readonly ttlSeconds: number;
}

type Response = { headers?: Record<string, { schema?: { enum?: unknown[] } }> };
type Operation = { responses?: Record<string, Response> };

/**
 * The public reads: unsecured GETs whose 200 answer declares `Cache-Control: public, max-age=N`.
 * A route with an authorizer is never one, whatever its headers say.
 */
export function cachedRoutes(doc: ApiDocument): CachedRoute[] {
  return contractOperations(doc)
    .filter((op) => op.method === 'GET' && !op.secured)
    .flatMap((op) => {
      const operation = doc.paths[op.path]?.get as Operation | undefined;
      const declared = operation?.responses?.['200']?.headers?.['Cache-Control']?.schema?.enum?.[0];
      const maxAge = /^public\b.*\bmax-age=(\d+)/.exec(String(declared ?? ''))?.[1];
      return maxAge ? [{ method: 'GET' as const, path: op.path, ttlSeconds: Number(maxAge) }] : [];
    });
}

/**
 * Stage method settings turning the encrypted cache on for `routes` alone; `base` carries the
 * stage's logging, metrics and throttling, which a method setting would otherwise reset.
 */
export function cacheMethodOptions(
  routes: readonly CachedRoute[],
  base: apigw.MethodDeploymentOptions,
): Record<string, apigw.MethodDeploymentOptions> {
  return Object.fromEntries(
    routes.map((route) => [
      `${route.path}/${route.method}`,
      {
        ...base,
        cachingEnabled: true,
        cacheDataEncrypted: true,
        cacheTtl: Duration.seconds(route.ttlSeconds),
      },
    ]),
  );
}
