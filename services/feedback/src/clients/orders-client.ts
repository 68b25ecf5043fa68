import { Configuration, PurchasesApi } from '@shopeasy/api-client';
import { peerFetch, PeerUnavailableError } from '@shopeasy/service-kit/calls';
import type { OrdersPort } from '../domain/ports.js';

/** The orders service's internal checkPurchase, authenticated with the shared internal key. */
export function createOrdersClient(options: {
  baseUrl: string;
  internalApiKey: string;
  timeoutMs: number;
}): OrdersPort {
  const api = new PurchasesApi(
    new Configuration({
      basePath: options.baseUrl.replace(/\/+$/, ''),
      apiKey: options.internalApiKey,
      fetchApi: peerFetch(options.timeoutMs),
    }),
  );
  return {
    async hasBought(userId, productId) {
      try {
        const purchase = await api.checkPurchase({ userId, productId });
        return purchase.purchased === true;
      } catch (error) {
        throw new PeerUnavailableError('orders service', { cause: error });
      }
    },
  };
}
