import { createHash, randomBytes } from 'node:crypto';
import { GuestCartNotFoundError, UnknownCartTokenError } from './errors.js';
import { cartExpiry, isGuestCart, type Cart } from './model.js';
import type { CartDeps } from './ports.js';

// 256 random bits: far beyond guessing, as the contract's "opaque, unguessable" asks.
const TOKEN_BYTES = 32;

/**
 * The cart a guest token names: `guest_` and the token's SHA-256 (base64url). Only this is stored,
 * so the table never holds a token that would open a cart (as refresh tokens in the users service).
 */
export function guestCartId(token: string): string {
  return `guest_${createHash('sha256').update(token).digest('base64url')}`;
}

/** Starts an empty guest cart (version 1, no events: it holds nothing) and answers its token. */
export async function createGuestCart(deps: CartDeps): Promise<{ cartToken: string }> {
  // The prefix lets secret scanners and log filters recognise a leaked token (as `rt_` for refresh tokens).
  const cartToken = `gct_${randomBytes(TOKEN_BYTES).toString('base64url')}`;
  const now = deps.now();
  const userId = guestCartId(cartToken);
  const saved = await deps.store.save(
    { userId, lines: [], version: 0 },
    [],
    now,
    cartExpiry(userId, now, deps.limits),
  );
  // A collision of 256 random bits does not happen; if the write lost anyway, fail rather than share a cart.
  if (!saved) throw new Error('a new guest cart collided with an existing one');
  return { cartToken };
}

/**
 * Never another cart: a token that names no guest cart answers 401 (a credential that is not
 * one); one whose cart has expired or was merged, 404.
 */
export function assertOpen(cart: Cart): void {
  if (!isGuestCart(cart.userId)) return;
  if (cart.version === 0) throw new UnknownCartTokenError();
  if (cart.ended) throw new GuestCartNotFoundError();
}
