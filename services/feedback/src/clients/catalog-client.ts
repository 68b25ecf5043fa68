import { Configuration, ProductsApi } from '@shopeasy/api-client';
import { peerFetch, PeerUnavailableError, statusOf } from '@shopeasy/service-kit/calls';
import type { CatalogPort } from '../domain/ports.js';

/** The catalog's public getProduct: a product exists when it answers 200 (inactive ones answer 404). */
export function createCatalogClient(options: { baseUrl: string; timeoutMs: number }): CatalogPort {
  const api = new ProductsApi(
    new Configuration({
      basePath: options.baseUrl.replace(/\/+$/, ''),
      fetchApi: peerFetch(options.timeoutMs),
    }),
  );
  return {
    async productExists(productId) {
      try {
        // Raw: only the status matters, the product itself is not read.
        await api.getProductRaw({ productId });
        return true;
      } catch (error) {
        if (statusOf(error) === 404) return false;
        throw new PeerUnavailableError('catalog', { cause: error });
      }
    },
  };
}
