import type { Principal } from '@shopeasy/service-kit/auth';
import { UnauthorizedError } from '@shopeasy/service-kit/errors';
import type { Handlers } from '@shopeasy/service-kit/http';
import type { operations } from '@shopeasy/api-client/types/cart';
import { addItem } from '../domain/add-item.js';
import { clearCart, getCart, removeItem, setQuantity } from '../domain/edit-lines.js';
import { createGuestCart, guestCartId } from '../domain/guest-cart.js';
import { mergeGuestCart } from '../domain/merge-carts.js';
import type { CartDeps } from '../domain/ports.js';

type Input = { principal: Principal | undefined; headers: Record<string, string | undefined> };

/**
 * One thin handler per operation of contracts/cart.yaml. The cart is always the caller's own:
 * its key is the token's subject, or the guest cart the X-Cart-Token names; no request names a cart.
 */
export function cartHandlers(deps: CartDeps): Handlers<operations> {
  return {
    createGuestCart: async () => ({ status: 201, body: await createGuestCart(deps) }),
    getCart: async (input) => ({ status: 200, body: await getCart(deps, cartOf(input)) }),
    addCartItem: async (input) => ({ status: 200, body: await addItem(deps, cartOf(input), input.body) }),
    updateCartItem: async (input) => ({
      status: 200,
      body: await setQuantity(deps, cartOf(input), input.params.productId, input.body.quantity),
    }),
    removeCartItem: async (input) => ({
      status: 200,
      body: await removeItem(deps, cartOf(input), input.params.productId),
    }),
    clearCart: async (input) => {
      await clearCart(deps, cartOf(input));
      return { status: 204 };
    },
    mergeGuestCart: async ({ principal, body }) => ({
      status: 200,
      body: await mergeGuestCart(deps, customer(principal), body.cartToken),
    }),
  };
}

// The kit lets a request through with a valid bearer token (which wins) or with an X-Cart-Token.
function cartOf({ principal, headers }: Input): string {
  if (principal) return principal.userId;
  const token = headers['x-cart-token'];
  if (!token) throw new UnauthorizedError();
  return guestCartId(token);
}

function customer(principal: Principal | undefined): string {
  if (!principal) throw new UnauthorizedError();
  return principal.userId;
}
