import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** One process of the local stack: where its entry point is and what it listens on. */
export interface Component {
  name: string;
  entry: string;
  /** Local port (ARCHITECTURE.md); undefined for workers that do not listen. */
  port?: number;
  /** Variable through which other components find it. */
  urlEnv?: string;
}

// Start order matters: users publishes the JWKS the others verify against.
const ALL: Component[] = [
  { name: 'users', entry: 'services/users/src/main.ts', port: 8081, urlEnv: 'USERS_URL' },
  { name: 'catalog', entry: 'services/catalog/src/main.ts', port: 8082, urlEnv: 'CATALOG_URL' },
  { name: 'cart', entry: 'services/cart/src/main.ts', port: 8083, urlEnv: 'CART_URL' },
  { name: 'orders', entry: 'services/orders/src/main.ts', port: 8084, urlEnv: 'ORDERS_URL' },
  { name: 'feedback', entry: 'services/feedback/src/main.ts', port: 8085, urlEnv: 'FEEDBACK_URL' },
  { name: 'gateway', entry: 'gateway/src/main.ts', port: 8080, urlEnv: 'GATEWAY_URL' },
  { name: 'notifications', entry: 'functions/notifications/src/local/runner.ts' },
];

/** The components whose code exists in this checkout, in start order. */
export function components(root: string, only?: readonly string[]): Component[] {
  return ALL.filter((c) => existsSync(join(root, c.entry)) && (!only || only.includes(c.name)));
}
