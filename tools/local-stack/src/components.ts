import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudDefinition } from './cloud-environment.js';

/** One process of the local stack: where its entry point is and what it listens on. */
export interface Component {
  name: string;
  entry: string;
  /** Local port (README.md, "Local ports"); undefined for workers that do not listen. */
  port?: number;
  /** Variable through which other components find it. */
  urlEnv?: string;
  /**
   * What must answer before it is spawned: 'provision' is the emulator with every resource
   * created (start-up and readiness use them, and their names and URLs come from provisioning);
   * a component's name is that component ready. Everything else starts at the same time.
   */
  needs: readonly string[];
  /**
   * Where its environment comes from in the cloud (in the environment `environment` names), so
   * that it runs locally with the same variables. The gateway stands in for API Gateway, whose
   * token authorizer gives it only how tokens are checked.
   */
  cloud?: (environment: string) => CloudDefinition;
  /** For a worker without a port: the log message it writes once its configuration has loaded. */
  readyLog?: string;
  /** Local settings beside its cloud definition's (a runner's table, its checkpoint file). */
  localEnv?: (local: LocalState) => Record<string, string>;
}

/** What the stack has made locally, for a component's local settings. */
export interface LocalState {
  /** The stack's own folder for state that outlives a component's restart. */
  stateDir: string;
  /** The provisioned resources' variables (CART_TABLE, …). */
  resources: Readonly<Record<string, string>>;
  /** Every component's address by its `urlEnv` (GATEWAY_URL, …). */
  urls: Readonly<Record<string, string>>;
}

const container = (name: string) => () => ({ kind: 'container', name }) as const;

// No service needs a peer to start or to be ready: /health/ready checks only its own table, peer
// URLs (ports) are chosen up front, and the users service's JWKS is fetched on the first token
// to verify. The gateway uses no AWS resource at all, so it starts while the emulator does.
const ALL: Component[] = [
  {
    name: 'users',
    entry: 'services/users/src/main.ts',
    port: 8081,
    urlEnv: 'USERS_URL',
    needs: ['provision'],
    cloud: container('users'),
  },
  {
    name: 'catalog',
    entry: 'services/catalog/src/main.ts',
    port: 8082,
    urlEnv: 'CATALOG_URL',
    needs: ['provision'],
    cloud: container('catalog'),
  },
  {
    name: 'cart',
    entry: 'services/cart/src/main.ts',
    port: 8083,
    urlEnv: 'CART_URL',
    needs: ['provision'],
    cloud: container('cart'),
  },
  {
    name: 'orders',
    entry: 'services/orders/src/main.ts',
    port: 8084,
    urlEnv: 'ORDERS_URL',
    needs: ['provision'],
    cloud: container('orders'),
    // The payment sandbox delivers Stripe's webhooks through the gateway, as Stripe reaches the API.
    localEnv: ({ urls }): Record<string, string> =>
      urls.GATEWAY_URL ? { SANDBOX_WEBHOOK_URL: `${urls.GATEWAY_URL}/v1/payments/stripe/webhook` } : {},
  },
  {
    name: 'feedback',
    entry: 'services/feedback/src/main.ts',
    port: 8085,
    urlEnv: 'FEEDBACK_URL',
    needs: ['provision'],
    cloud: container('feedback'),
  },
  {
    name: 'gateway',
    entry: 'gateway/src/main.ts',
    port: 8080,
    urlEnv: 'GATEWAY_URL',
    needs: [],
    cloud: (environment) => ({
      kind: 'function',
      stack: 'api',
      name: `shopeasy-${environment}-token-authorizer`,
      only: ['JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE'],
    }),
  },
  {
    name: 'notifications',
    entry: 'functions/notifications/src/local/runner.ts',
    needs: ['provision'],
    cloud: (environment) => ({
      kind: 'function',
      stack: 'notifications',
      name: `shopeasy-${environment}-notifications`,
    }),
    readyLog: 'Polling the notifications queue',
  },
  {
    // Plays the cart table stream's event source mapping (Lambda's, in the cloud).
    name: 'cart-events',
    entry: 'functions/cart-events/src/local/runner.ts',
    needs: ['provision'],
    cloud: (environment) => ({
      kind: 'function',
      stack: 'services',
      name: `shopeasy-${environment}-cart-events`,
    }),
    readyLog: 'Relaying the cart table stream',
    // In the cloud the mapping names the table's stream; a restart resumes where the last one stopped.
    localEnv: ({ stateDir, resources }) => ({
      ...(resources.CART_TABLE ? { CART_TABLE: resources.CART_TABLE } : {}),
      RUNNER_CHECKPOINT_FILE: join(stateDir, 'cart-events-checkpoint.json'),
    }),
  },
];

/** The components whose code exists in this checkout. */
export function components(root: string, only?: readonly string[]): Component[] {
  return ALL.filter((c) => existsSync(join(root, c.entry)) && (!only || only.includes(c.name)));
}
