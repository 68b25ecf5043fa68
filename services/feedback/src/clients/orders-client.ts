import { PurchasesApi } from '@shopeasy/api-client';
import type { PurchasesPort } from '../domain/ports.js';
import { PeerUnavailableError, peerConfiguration } from './peer-configuration.js';

/** The orders service's internal checkPurchase, authenticated with the shared internal key. */
export function createOrdersClient(options: {
  baseUrl: string;
  internalApiKey: string;
  timeoutMs: number;
}): PurchasesPort {
  const api = new PurchasesApi(
    peerConfiguration(options.baseUrl, options.timeoutMs, { apiKey: options.internalApiKey }),
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
