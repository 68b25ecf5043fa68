// How to make each documented answer happen: `<operationId> <status>` → a step that sets the token,
// ids and body on Dredd's transaction (creating fixtures first where the answer needs them).
// A status with no entry here is skipped and reported as skipped: 429, 500 and 503 cannot be
// caused on demand against a healthy stack, nor createOrder's 422 (a cart of mixed currencies,
// which a single-currency catalog never sells).
import { createHmac, randomUUID } from 'node:crypto';
import {
  api,
  unique,
  login,
  registerCustomer,
  createProduct,
  cartWith,
  checkoutBody,
  placeOrder,
} from './shop.mjs';

// Well-formed ids that name nothing, and one that breaks the id pattern (a 400).
const MISSING = {
  cat: 'cat_00000000000000000000000000',
  prd: 'prd_00000000000000000000000000',
  ord: 'ord_00000000000000000000000000',
  rev: 'rev_00000000000000000000000000',
};
const MALFORMED_ID = 'not-an-id';
// A well-formed guest cart token that names no cart.
const MISSING_CART_TOKEN = `gct_${'A'.repeat(43)}`;

// The local stack's webhook signing secret (services/orders README) and Stripe's v1 scheme.
const LOCAL_WEBHOOK_SECRET = 'whsec_shopeasy_local';
const stripeSigned = (t, event, secret = LOCAL_WEBHOOK_SECRET) => {
  const payload = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  delete t.request.headers.Authorization;
  t.request.headers['Stripe-Signature'] = `t=${timestamp},v1=${v1}`;
  t.request.body = payload;
};
// A refund of a payment no order has: acknowledged and changes nothing.
const strayRefund = () => ({
  id: `evt_contract_${randomUUID().replaceAll('-', '')}`,
  object: 'event',
  type: 'charge.refunded',
  data: {
    object: {
      id: 'ch_contract',
      object: 'charge',
      amount: 100,
      amount_refunded: 100,
      refunded: true,
      currency: 'eur',
      payment_intent: 'pi_contract_none',
    },
  },
});

const as = (t, token) => {
  t.request.headers.Authorization = `Bearer ${token}`;
};
const anon = (t) => {
  delete t.request.headers.Authorization;
};
const to = (t, path) => {
  t.fullPath = path;
  t.request.uri = path;
};
const send = (t, body) => {
  t.request.body = JSON.stringify(body);
};

// Most admin and customer operations share the same four answers; these build them.
const unauthenticated = (path) => (t) => {
  anon(t);
  if (path) to(t, path(t));
};

/** Builds the table from the fixtures the beforeAll hook made. */
export function buildCases(fx) {
  const customer = (t) => as(t, fx.customer.accessToken);
  const admin = (t) => as(t, fx.admin.accessToken);
  // A guest whose guest cart was merged at sign-in: 404 on the cart operations (a token that
  // names no guest cart at all is a bad credential: 401).
  const mergedGuest = async (t) => {
    const guest = (await api('POST', '/v1/carts', { expect: 201 })).json;
    const body = { cartToken: guest.cartToken };
    await api('POST', '/v1/cart/merge', { token: fx.customer.accessToken, body, expect: 200 });
    anon(t);
    t.request.headers['X-Cart-Token'] = guest.cartToken;
  };
  const product = () => `/v1/products/${fx.product.id}`;
  return {
    'registerUser 201': (t) =>
      send(t, { email: `dredd-${unique()}@example.test`, password: `gate-${randomUUID()}`, name: 'Ada' }),
    'registerUser 400': (t) => send(t, { email: 'not-an-email', password: 'x', name: '' }),
    'registerUser 409': (t) =>
      send(t, { email: fx.customer.email, password: `gate-${randomUUID()}`, name: 'Ada' }),
    'registerUser 422': (t) => {
      const local = `dredd-common-${unique()}`;
      send(t, { email: `${local}@example.test`, password: local, name: 'Ada' });
    },

    'login 200': (t) => send(t, { email: fx.customer.email, password: fx.customer.password }),
    'login 400': (t) => send(t, { email: fx.customer.email }),
    'login 401': (t) => send(t, { email: fx.customer.email, password: 'not-the-password' }),

    'refreshTokens 200': async (t) =>
      send(t, { refreshToken: (await login(fx.customer.email, fx.customer.password)).refreshToken }),
    'refreshTokens 400': (t) => send(t, {}),
    'refreshTokens 401': (t) => send(t, { refreshToken: `rt_unknown_${randomUUID()}` }),

    'logout 204': async (t) =>
      send(t, { refreshToken: (await login(fx.customer.email, fx.customer.password)).refreshToken }),
    'logout 400': (t) => send(t, { refreshToken: 'short' }),

    'getCurrentUser 200': customer,
    'getCurrentUser 401': unauthenticated(),
    'updateCurrentUser 200': customer,
    'updateCurrentUser 400': (t) => {
      customer(t);
      send(t, { name: '' });
    },
    'updateCurrentUser 401': unauthenticated(),

    // The contract's example key is RSA; ShopEasy signs with ES256, which the Jwk schema also
    // allows. Expect the fields of an EC key, so Dredd still checks each one is present.
    'getJwks 200': (t) => {
      const ecKey = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'kid', use: 'sig', alg: 'ES256' };
      t.expected.body = JSON.stringify({ keys: [ecKey] });
    },

    'listCategories 200': (t) => to(t, '/v1/categories?limit=20'),
    'listCategories 400': (t) => to(t, '/v1/categories?limit=0'),
    'createCategory 201': (t) => {
      admin(t);
      send(t, { name: `Dredd ${unique()}`, description: 'Made by the contract gate.' });
    },
    'createCategory 400': (t) => {
      admin(t);
      send(t, { description: 'no name' });
    },
    'createCategory 401': unauthenticated(),
    'createCategory 403': (t) => {
      customer(t);
      send(t, { name: `Dredd ${unique()}` });
    },
    'createCategory 409': (t) => {
      admin(t);
      send(t, { name: fx.category.name });
    },

    'listCategoryProducts 200': (t) =>
      to(t, `/v1/categories/${fx.category.id}/products?sort=price_asc&limit=5`),
    'listCategoryProducts 400': (t) => to(t, `/v1/categories/${fx.category.id}/products?limit=0`),
    'listCategoryProducts 404': (t) => to(t, `/v1/categories/${MISSING.cat}/products`),

    'listProducts 200': (t) =>
      to(t, `/v1/products?categoryId=${fx.category.id}&minPrice=0&maxPrice=100000&limit=5`),
    'listProducts 400': (t) => to(t, '/v1/products?limit=0'),
    'listProducts 422': (t) => to(t, '/v1/products?minPrice=5000&maxPrice=1000'),
    'createProduct 201': (t) => {
      admin(t);
      send(t, { ...JSON.parse(t.request.body), categoryId: fx.category.id, name: `Dredd ${unique()}` });
    },
    'createProduct 400': (t) => {
      admin(t);
      send(t, { name: 'no category, price or stock' });
    },
    'createProduct 401': unauthenticated(),
    'createProduct 403': customer,
    'createProduct 422': (t) => {
      admin(t);
      send(t, { ...JSON.parse(t.request.body), categoryId: MISSING.cat });
    },

    'getProduct 200': (t) => to(t, product()),
    'getProduct 400': (t) => to(t, `/v1/products/${MALFORMED_ID}`),
    'getProduct 404': (t) => to(t, `/v1/products/${MISSING.prd}`),
    'updateProduct 200': (t) => {
      admin(t);
      to(t, product());
    },
    'updateProduct 400': (t) => {
      admin(t);
      to(t, product());
      send(t, {});
    },
    'updateProduct 401': unauthenticated(product),
    'updateProduct 403': (t) => {
      customer(t);
      to(t, product());
    },
    'updateProduct 404': (t) => {
      admin(t);
      to(t, `/v1/products/${MISSING.prd}`);
    },
    'updateProduct 422': (t) => {
      admin(t);
      to(t, product());
      send(t, { price: { amount: 1999, currency: 'USD' } });
    },
    'deleteProduct 204': async (t) => {
      admin(t);
      to(t, `/v1/products/${(await createProduct(fx.admin.accessToken, fx.category.id, 1)).id}`);
    },
    'deleteProduct 400': (t) => {
      admin(t);
      to(t, `/v1/products/${MALFORMED_ID}`);
    },
    'deleteProduct 401': unauthenticated(product),
    'deleteProduct 403': (t) => {
      customer(t);
      to(t, product());
    },
    'deleteProduct 404': (t) => {
      admin(t);
      to(t, `/v1/products/${MISSING.prd}`);
    },
    'setProductStock 200': (t) => {
      admin(t);
      to(t, `${product()}/stock`);
      send(t, { stock: 1000 });
    },
    'setProductStock 400': (t) => {
      admin(t);
      to(t, `${product()}/stock`);
      send(t, { stock: -1 });
    },
    'setProductStock 401': unauthenticated(() => `${product()}/stock`),
    'setProductStock 403': (t) => {
      customer(t);
      to(t, `${product()}/stock`);
    },
    'setProductStock 404': (t) => {
      admin(t);
      to(t, `/v1/products/${MISSING.prd}/stock`);
    },

    'getCart 200': async (t) => {
      customer(t);
      await cartWith(fx.customer.accessToken, fx.product.id);
    },
    'getCart 401': unauthenticated(),
    'getCart 404': mergedGuest,
    'clearCart 204': customer,
    'clearCart 401': unauthenticated(),
    'clearCart 404': mergedGuest,
    'createGuestCart 201': anon,
    'mergeGuestCart 200': async (t) => {
      customer(t);
      const guest = (await api('POST', '/v1/carts', { expect: 201 })).json;
      const headers = { 'X-Cart-Token': guest.cartToken };
      const body = { productId: fx.product.id, quantity: 1 };
      await api('POST', '/v1/cart/items', { headers, body, expect: 200 });
      send(t, { cartToken: guest.cartToken });
    },
    'mergeGuestCart 400': (t) => {
      customer(t);
      send(t, {});
    },
    'mergeGuestCart 401': unauthenticated(),
    'mergeGuestCart 404': (t) => {
      customer(t);
      send(t, { cartToken: MISSING_CART_TOKEN });
    },
    'addCartItem 200': async (t) => {
      customer(t);
      await api('DELETE', '/v1/cart', { token: fx.customer.accessToken, expect: 204 });
      send(t, { productId: fx.product.id, quantity: 2 });
    },
    'addCartItem 400': (t) => {
      customer(t);
      send(t, { productId: fx.product.id, quantity: 0 });
    },
    'addCartItem 401': unauthenticated(),
    'addCartItem 404': async (t) => {
      await mergedGuest(t);
      send(t, { productId: fx.product.id, quantity: 1 });
    },
    'addCartItem 409': (t) => {
      customer(t);
      send(t, { productId: fx.scarce.id, quantity: 2 });
    },
    'addCartItem 422': (t) => {
      customer(t);
      send(t, { productId: MISSING.prd, quantity: 1 });
    },
    'updateCartItem 200': async (t) => {
      customer(t);
      await cartWith(fx.customer.accessToken, fx.product.id);
      to(t, `/v1/cart/items/${fx.product.id}`);
      send(t, { quantity: 3 });
    },
    'updateCartItem 400': (t) => {
      customer(t);
      to(t, `/v1/cart/items/${fx.product.id}`);
      send(t, { quantity: 11 });
    },
    'updateCartItem 401': unauthenticated(() => `/v1/cart/items/${fx.product.id}`),
    'updateCartItem 404': (t) => {
      customer(t);
      to(t, `/v1/cart/items/${MISSING.prd}`);
    },
    'updateCartItem 409': async (t) => {
      customer(t);
      await cartWith(fx.customer.accessToken, fx.scarce.id);
      to(t, `/v1/cart/items/${fx.scarce.id}`);
      send(t, { quantity: 2 });
    },
    // A product taken off sale after it went into the cart cannot be raised.
    'updateCartItem 422': async (t) => {
      customer(t);
      const withdrawn = await createProduct(fx.admin.accessToken, fx.category.id, 10);
      await cartWith(fx.customer.accessToken, withdrawn.id);
      await api('PATCH', `/v1/products/${withdrawn.id}`, {
        token: fx.admin.accessToken,
        body: { active: false },
        expect: 200,
      });
      to(t, `/v1/cart/items/${withdrawn.id}`);
      send(t, { quantity: 2 });
    },
    'removeCartItem 200': async (t) => {
      customer(t);
      await cartWith(fx.customer.accessToken, fx.product.id);
      to(t, `/v1/cart/items/${fx.product.id}`);
    },
    'removeCartItem 400': (t) => {
      customer(t);
      to(t, `/v1/cart/items/${MALFORMED_ID}`);
    },
    'removeCartItem 401': unauthenticated(() => `/v1/cart/items/${fx.product.id}`),
    'removeCartItem 404': (t) => {
      customer(t);
      to(t, `/v1/cart/items/${MISSING.prd}`);
    },

    'createOrder 201': async (t) => {
      customer(t);
      await cartWith(fx.customer.accessToken, fx.product.id);
      t.request.headers['Idempotency-Key'] = randomUUID();
      send(t, checkoutBody());
    },
    // A card that asks for 3-D Secure: the order waits for the shopper's authentication.
    'createOrder 202': async (t) => {
      customer(t);
      await cartWith(fx.customer.accessToken, fx.product.id);
      t.request.headers['Idempotency-Key'] = randomUUID();
      send(t, checkoutBody('pm_card_threeDSecure2Required'));
    },
    'createOrder 400': (t) => {
      customer(t);
      t.request.headers['Idempotency-Key'] = randomUUID();
      send(t, { paymentMethodId: 'pm_card_visa' });
    },
    'createOrder 401': unauthenticated(),
    'createOrder 402': async (t) => {
      customer(t);
      await cartWith(fx.customer.accessToken, fx.product.id);
      t.request.headers['Idempotency-Key'] = randomUUID();
      send(t, checkoutBody('pm_card_chargeDeclined'));
    },
    'createOrder 409': async (t) => {
      customer(t);
      await api('DELETE', '/v1/cart', { token: fx.customer.accessToken, expect: 204 });
      t.request.headers['Idempotency-Key'] = randomUUID();
      send(t, checkoutBody());
    },
    'receiveStripeWebhook 200': (t) => stripeSigned(t, strayRefund()),
    'receiveStripeWebhook 400': (t) => stripeSigned(t, strayRefund(), 'whsec_not_the_endpoints'),
    'listOrders 200': (t) => {
      customer(t);
      to(t, '/v1/orders?status=paid&limit=20');
    },
    'listOrders 400': (t) => {
      customer(t);
      to(t, '/v1/orders?limit=0');
    },
    'listOrders 401': unauthenticated(() => '/v1/orders'),
    'getOrder 200': (t) => {
      customer(t);
      to(t, `/v1/orders/${fx.order.id}`);
    },
    'getOrder 400': (t) => {
      customer(t);
      to(t, `/v1/orders/${MALFORMED_ID}`);
    },
    'getOrder 401': unauthenticated(() => `/v1/orders/${fx.order.id}`),
    'getOrder 404': (t) => {
      customer(t);
      to(t, `/v1/orders/${MISSING.ord}`);
    },
    'cancelOrder 200': async (t) => {
      customer(t);
      to(t, `/v1/orders/${(await placeOrder(fx.customer.accessToken, fx.product.id)).id}/cancel`);
    },
    'cancelOrder 400': (t) => {
      customer(t);
      to(t, `/v1/orders/${MALFORMED_ID}/cancel`);
    },
    'cancelOrder 401': unauthenticated(() => `/v1/orders/${fx.order.id}/cancel`),
    'cancelOrder 404': (t) => {
      customer(t);
      to(t, `/v1/orders/${MISSING.ord}/cancel`);
    },
    // Cancelling a cancelled order answers 200 (idempotent); a shipped one cannot be cancelled.
    'cancelOrder 409': (t) => {
      customer(t);
      to(t, `/v1/orders/${fx.shippedOrder.id}/cancel`);
    },
    'shipOrder 200': async (t) => {
      admin(t);
      to(t, `/v1/orders/${(await placeOrder(fx.customer.accessToken, fx.product.id)).id}/ship`);
    },
    'shipOrder 400': (t) => {
      admin(t);
      to(t, `/v1/orders/${MALFORMED_ID}/ship`);
    },
    'shipOrder 401': unauthenticated(() => `/v1/orders/${fx.order.id}/ship`),
    'shipOrder 403': (t) => {
      customer(t);
      to(t, `/v1/orders/${fx.order.id}/ship`);
    },
    'shipOrder 404': (t) => {
      admin(t);
      to(t, `/v1/orders/${MISSING.ord}/ship`);
    },
    'shipOrder 409': (t) => {
      admin(t);
      to(t, `/v1/orders/${fx.cancelledOrder.id}/ship`);
    },

    'createReview 202': async (t) => {
      const reviewer = await registerCustomer();
      as(t, reviewer.accessToken);
      to(t, `${product()}/reviews`);
    },
    'createReview 400': (t) => {
      customer(t);
      to(t, `${product()}/reviews`);
      send(t, { rating: 9, title: 'Too many stars', body: 'Nine stars is more than the scale allows.' });
    },
    'createReview 401': unauthenticated(() => `${product()}/reviews`),
    'createReview 404': (t) => {
      customer(t);
      to(t, `/v1/products/${MISSING.prd}/reviews`);
    },
    'createReview 409': (t) => {
      customer(t);
      to(t, `${product()}/reviews`);
    },
    'listProductReviews 200': (t) => to(t, `${product()}/reviews?limit=20`),
    'listProductReviews 400': (t) => to(t, `/v1/products/${MALFORMED_ID}/reviews`),
    'listProductReviews 404': (t) => to(t, `/v1/products/${MISSING.prd}/reviews`),
    'getReview 200': (t) => {
      customer(t);
      to(t, `/v1/reviews/${fx.review.id}`);
    },
    'getReview 400': (t) => {
      customer(t);
      to(t, `/v1/reviews/${MALFORMED_ID}`);
    },
    'getReview 401': unauthenticated(() => `/v1/reviews/${fx.review.id}`),
    'getReview 404': (t) => {
      customer(t);
      to(t, `/v1/reviews/${MISSING.rev}`);
    },
  };
}
