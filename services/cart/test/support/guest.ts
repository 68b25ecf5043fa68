import { createHash } from 'node:crypto';
import type { CartBody, CartHarness } from './cart-service.js';

/** A guest cart started through the API, with its token and the calls that send it. */
export interface Guest {
  token: string;
  /** The cart id the token names: what the table's key holds instead of the token. */
  cartId: string;
  call(method: string, path: string, body?: unknown): ReturnType<CartHarness['call']>;
  cart(): Promise<CartBody>;
}

export async function startGuest(h: CartHarness): Promise<Guest> {
  const started = await h.call<{ cartToken: string }>('POST', '/v1/carts');
  if (started.status !== 201) throw new Error(`POST /v1/carts answered ${started.status}`);
  return guestWith(h, started.body.cartToken);
}

export function guestWith(h: CartHarness, token: string): Guest {
  const call: Guest['call'] = (method, path, body) =>
    h.call(method, path, { headers: { 'x-cart-token': token }, ...(body === undefined ? {} : { body }) });
  return {
    token,
    cartId: `guest_${createHash('sha256').update(token).digest('base64url')}`,
    call,
    async cart() {
      const reply = await call('GET', '/v1/cart');
      if (reply.status !== 200) throw new Error(`guest GET /v1/cart answered ${reply.status}`);
      return reply.body as unknown as CartBody;
    },
  };
}
