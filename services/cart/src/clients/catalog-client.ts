import { Configuration, ProductsApi, ResponseError, type Product } from '@shopeasy/api-client';
import { peerFetch, PeerUnavailableError } from '@shopeasy/service-kit/calls';
import type { Logger } from '@shopeasy/service-kit/telemetry';
import type { CatalogProduct } from '../domain/model.js';
import type { CatalogPort } from '../domain/ports.js';

export interface CatalogClientOptions {
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
}

/**
 * The catalog's public product lookup through the generated client, mapped to the cart's own
 * type. A 404 (unknown, inactive or deleted) is "not for sale"; no answer at all is a 503.
 */
export function createCatalogClient(options: CatalogClientOptions): CatalogPort {
  const api = new ProductsApi(
    new Configuration({
      basePath: options.baseUrl.replace(/\/$/, ''),
      fetchApi: peerFetch(options.timeoutMs),
    }),
  );
  return {
    async findProduct(productId) {
      try {
        return toCatalogProduct(await api.getProduct({ productId }));
      } catch (error) {
        if (error instanceof ResponseError && error.response.status === 404) return undefined;
        const status = error instanceof ResponseError ? error.response.status : undefined;
        options.logger.error({ err: error, status, productId }, 'catalog product lookup failed');
        throw new PeerUnavailableError('catalog', {
          detail: 'The catalog cannot be reached right now; try again shortly.',
          cause: error,
        });
      }
    },
  };
}

function toCatalogProduct(product: Product): CatalogProduct {
  const { id, name, price, stock, active } = product;
  return { id, name, price: { amount: price.amount, currency: price.currency }, stock, active };
}
