import { CartApi, Configuration } from '@shopeasy/api-client';
import { peerFetch, statusOf } from '@shopeasy/service-kit/calls';
import { UnauthorizedError } from '@shopeasy/service-kit/errors';
import { dependencyUnavailable } from '../domain/errors.js';
import type { CartLine } from '../domain/model.js';
import type { CartPort } from '../domain/ports.js';

/** The cart service, called with the caller's own bearer token (a user only reaches their own cart). */
export function createCartClient(options: { baseUrl: string; timeoutMs: number }): CartPort {
  const fetchApi = peerFetch(options.timeoutMs);
  const api = (token: string) =>
    new CartApi(new Configuration({ basePath: options.baseUrl, accessToken: token, fetchApi }));
  const failure = (error: unknown) =>
    statusOf(error) === 401
      ? new UnauthorizedError('The cart did not accept the access token.')
      : dependencyUnavailable('cart', error);
  return {
    async getCart(token) {
      try {
        const cart = await api(token).getCart();
        return cart.items.map((item): CartLine => ({
          productId: item.productId,
          name: item.name,
          quantity: item.quantity,
          unitPrice: { amount: item.unitPrice.amount, currency: item.unitPrice.currency },
        }));
      } catch (error) {
        throw failure(error);
      }
    },
    async clearCart(token) {
      try {
        await api(token).clearCart();
      } catch (error) {
        throw failure(error);
      }
    },
  };
}
