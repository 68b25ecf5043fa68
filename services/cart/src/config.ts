import { peerTimeoutSetting } from '@shopeasy/service-kit/calls';
import { faultPauseShape, loadConfig, localDefault } from '@shopeasy/service-kit/config';
import { TABLE_ENV, localEnvironment } from '@shopeasy/resources';
import { z } from 'zod';

const local = localEnvironment();

/** The contract's Quantity schema caps a line at 10; a deployment may only lower it. */
export const CONTRACT_MAX_QUANTITY = 10;

const cartShape = {
  [TABLE_ENV.cart]: localDefault(z.string().min(1), local.CART_TABLE),
  CATALOG_URL: localDefault(z.url(), 'http://127.0.0.1:8082'),
  PEER_TIMEOUT_MS: peerTimeoutSetting(3_000),
  CART_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  GUEST_CART_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  MAX_QUANTITY_PER_LINE: z.coerce
    .number()
    .int()
    .min(1)
    .max(CONTRACT_MAX_QUANTITY)
    .default(CONTRACT_MAX_QUANTITY),
  MAX_LINES_PER_CART: z.coerce.number().int().min(1).max(200).default(50),
  CART_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .default('EUR'),
  /** Fault tests only: `cart-saved` waits after a cart write, before its answer (refused in the cloud). */
  ...faultPauseShape,
} as const;

/** The cart service's configuration: base variables, its table, the catalog and the cart's limits. */
export function loadCartConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(8083, cartShape, env);
}

export type CartConfig = ReturnType<typeof loadCartConfig>;
