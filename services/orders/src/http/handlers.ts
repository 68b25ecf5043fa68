import { bearerToken, type Principal } from '@shopeasy/service-kit/auth';
import { UnauthorizedError } from '@shopeasy/service-kit/errors';
import type { Handlers } from '@shopeasy/service-kit/http';
import { page, decodeCursor } from '@shopeasy/service-kit/pagination';
import type { operations } from '@shopeasy/api-client/types/orders';
import { checkout } from '../domain/checkout/checkout.js';
import { StoredProblemError } from '../domain/errors.js';
import type { Caller } from '../domain/model.js';
import { cancelOrder, shipOrder, visibleOrder } from '../domain/order-actions.js';
import { toOrderView, type OrderView } from '../domain/order-view.js';
import type { DomainDeps } from '../domain/ports.js';
import { checkPurchase, listOrders } from '../domain/queries.js';
import { receiveStripeWebhook } from './stripe-webhook-handler.js';

/**
 * One thin handler per operation of contracts/orders.yaml: input in, use case, reply out.
 * `webhookSecret` is Stripe's signing secret, undefined while it is not set.
 */
export function ordersHandlers(deps: DomainDeps, webhookSecret: string | undefined): Handlers<operations> {
  return {
    createOrder: async ({ principal, headers, body }) => {
      const response = await checkout(
        deps,
        caller(principal, headers),
        headers['idempotency-key'] ?? '',
        body,
      );
      // Replays answer exactly what the first request answered, problems included.
      if (response.status !== 201 && response.status !== 202) throw new StoredProblemError(response);
      return { status: response.status, body: response.body as OrderView };
    },
    listOrders: async ({ principal, query }) => {
      const viewer = caller(principal);
      const found = await listOrders(deps, viewer, {
        limit: query.limit ?? 20,
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { cursor: decodeCursor(query.cursor) } : {}),
      });
      const view = (order: (typeof found.items)[number]) => toOrderView(order, viewer.userId);
      return { status: 200, body: page(found.items.map(view), found.next) };
    },
    getOrder: async ({ principal, params }) => {
      const viewer = caller(principal);
      return {
        status: 200,
        body: toOrderView(await visibleOrder(deps, viewer, params.orderId), viewer.userId),
      };
    },
    cancelOrder: async ({ principal, params }) => {
      const viewer = caller(principal);
      return {
        status: 200,
        body: toOrderView(await cancelOrder(deps, viewer, params.orderId), viewer.userId),
      };
    },
    shipOrder: async ({ principal, params }) => {
      const viewer = caller(principal);
      return { status: 200, body: toOrderView(await shipOrder(deps, viewer, params.orderId), viewer.userId) };
    },
    receiveStripeWebhook: (input) => receiveStripeWebhook(deps, webhookSecret, input),
    checkPurchase: async ({ query }) => ({
      status: 200,
      body: await checkPurchase(deps, query.userId, query.productId),
    }),
  };
}

// The kit sets the principal on every secured operation; without one, answer as for a missing token.
function caller(principal: Principal | undefined, headers?: Record<string, string | undefined>): Caller {
  if (!principal) throw new UnauthorizedError();
  return {
    userId: principal.userId,
    role: principal.role,
    ...(principal.email ? { email: principal.email } : {}),
    ...(headers ? { token: bearerToken(headers.authorization) } : {}),
  };
}
