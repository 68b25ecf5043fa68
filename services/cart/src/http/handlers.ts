import type { Principal } from '@shopeasy/service-kit/auth';
import { UnauthorizedError } from '@shopeasy/service-kit/errors';
import type { Handlers } from '@shopeasy/service-kit/http';
import type { operations } from '@shopeasy/api-client/types/cart';
import { addItem } from '../domain/add-item.js';
import { clearCart, getCart, removeItem, setQuantity } from '../domain/edit-lines.js';
import type { CartDeps } from '../domain/ports.js';

/**
 * One thin handler per operation of contracts/cart.yaml. The cart is always the caller's own:
 * its key is the token's subject, and no request names a cart.
 */
export function cartHandlers(deps: CartDeps): Handlers<operations> {
  return {
    getCart: async ({ principal }) => ({ status: 200, body: await getCart(deps, owner(principal)) }),
    addCartItem: async ({ principal, body }) => ({
      status: 200,
      body: await addItem(deps, owner(principal), body),
    }),
    updateCartItem: async ({ principal, params, body }) => ({
      status: 200,
      body: await setQuantity(deps, owner(principal), params.productId, body.quantity),
    }),
    removeCartItem: async ({ principal, params }) => ({
      status: 200,
      body: await removeItem(deps, owner(principal), params.productId),
    }),
    clearCart: async ({ principal }) => {
      await clearCart(deps, owner(principal));
      return { status: 204 };
    },
  };
}

// The kit sets the principal on every secured operation; without one, answer as for a missing token.
function owner(principal: Principal | undefined): string {
  if (!principal) throw new UnauthorizedError();
  return principal.userId;
}
