import { Configuration, PurchasesApi } from '@shopeasy/api-client';
import { peerFetch } from '@shopeasy/service-kit/calls';
import type { PurchasesPort } from '../domain/ports.js';
import { PeerUnavailableError } from './peer-errors.js';

/** The orders service's internal checkPurchase, authenticated with the shared internal key. */
export function createOrdersClient(options: {
  baseUrl: string;
  internalApiKey: string;
  timeoutMs: number;
}): PurchasesPort {
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
        throw new PeerUnavailableError('orders', 'checkPurchase', error);
      }
    },
  };
}
