import { SERVICE_ACCESS, type ServiceAccess } from '@shopeasy/resources';

/** The five HTTP microservices that run on ECS (notifications is a Lambda function). */
export const MICROSERVICES = ['users', 'catalog', 'cart', 'orders', 'feedback'] as const;
export type Microservice = (typeof MICROSERVICES)[number];

export interface MicroserviceSpec {
  readonly name: Microservice;
  /** Container port; also the service's port on the internal load balancers. */
  readonly port: number;
  readonly access: ServiceAccess;
  /** Secrets Manager secrets the service reads, by environment variable name. */
  readonly secrets: Readonly<Record<string, SecretRef>>;
  /** Secrets the service re-reads itself while it runs: the variable given the secret's ARN, and its id. */
  readonly reloadedSecrets: Readonly<Record<string, string>>;
  /** Services it calls through the internal load balancer (users for its JWKS included). */
  readonly calls: readonly Microservice[];
}

/** A secret id (suffix after `shopeasy/<env>/`), and the JSON field read when it holds several. */
export interface SecretRef {
  readonly id: string;
  readonly field?: string;
}

/** The service-to-service key: `current` is sent and accepted, `previous` accepted while rotating. */
export const INTERNAL_API_KEY_SECRET = 'internal-api-key';
const INTERNAL_KEY: Record<string, SecretRef> = {
  INTERNAL_API_KEY: { id: INTERNAL_API_KEY_SECRET, field: 'current' },
  INTERNAL_API_KEY_PREVIOUS: { id: INTERNAL_API_KEY_SECRET, field: 'previous' },
};

/**
 * The users service's signing key set (lib/functions/signing-key-set.ts): written by the
 * signing-key custom resource when the stack creates the secret, rotated by its rotation function.
 */
export const SIGNING_KEY_SECRET = 'jwt-signing-key';

/** How often each users task re-reads the signing key set (SIGNING_KEY_REFRESH_SECONDS); a rotation waits for it. */
export const SIGNING_KEY_REFRESH_SECONDS = 300;

/** Issued by Stripe; operations put it in place (rotate-stripe-key runbook). */
export const STRIPE_SECRET = 'stripe-secret-key';

/** Stripe's signing secret of the webhook endpoint (whsec_…); operations put it in place. */
export const STRIPE_WEBHOOK_SECRET = 'stripe-webhook-secret';

/** The value a secret operations must set starts with; orders recognises it (services/orders/src/config.ts). */
export const UNSET_SECRET_VALUE = 'UNSET';

/**
 * How long the catalog holds reserved stock unless its order confirms it. Orders refuses to start
 * unless it outlasts the checkout resume window (1 h) plus the recovery back-off (15 min).
 */
export const RESERVATION_HOLD_SECONDS = 7200;

/** Offset of a service's test listener port: where CodeDeploy sends test traffic to the green tasks. */
export const TEST_LISTENER_PORT_OFFSET = 1000;

/** The users service's port: every service and the authorizer fetch its JWKS there. */
export const USERS_PORT = 8081;

const PORTS: Record<Microservice, number> = {
  users: USERS_PORT,
  catalog: 8082,
  cart: 8083,
  orders: 8084,
  feedback: 8085,
};

/**
 * Secrets by the variable each service reads them into. Every service gets the internal key:
 * each one refuses to start in production without it (packages/service-kit config).
 */
const SECRETS: Record<Microservice, Record<string, SecretRef>> = {
  users: {
    JWT_SIGNING_KEY: { id: SIGNING_KEY_SECRET, field: 'current' },
    JWT_PREVIOUS_PUBLIC_KEYS: { id: SIGNING_KEY_SECRET, field: 'published' },
    ADMIN_PASSWORD: { id: 'admin-password' },
    ...INTERNAL_KEY,
  },
  catalog: { ...INTERNAL_KEY },
  cart: { ...INTERNAL_KEY },
  orders: {
    STRIPE_SECRET_KEY: { id: STRIPE_SECRET },
    STRIPE_WEBHOOK_SECRET: { id: STRIPE_WEBHOOK_SECRET },
    ...INTERNAL_KEY,
  },
  feedback: { ...INTERNAL_KEY },
};

// The users service picks up a rotated signing key set without its tasks being replaced.
const RELOADED_SECRETS: Partial<Record<Microservice, Record<string, string>>> = {
  users: { JWT_SIGNING_KEY_SECRET_ID: SIGNING_KEY_SECRET },
};

// The `*_URL` variables each service reads (services/<name>/src/config.ts); network rules follow them.
const CALLS: Record<Microservice, readonly Microservice[]> = {
  users: [],
  catalog: [],
  cart: ['catalog'],
  orders: ['cart', 'catalog'],
  feedback: ['orders', 'catalog'],
};

export const MICROSERVICE_SPECS: readonly MicroserviceSpec[] = MICROSERVICES.map((name) => ({
  name,
  port: PORTS[name],
  access: SERVICE_ACCESS[name],
  secrets: SECRETS[name],
  reloadedSecrets: RELOADED_SECRETS[name] ?? {},
  // Every service checks access tokens against the users service's JWKS.
  calls: [...new Set<Microservice>(['users', ...CALLS[name]])],
}));

/**
 * Secrets Secrets Manager generates itself (the JSON field it generates, if any, and the fields
 * it starts with); the others are put in place by operations.
 */
export const GENERATED_SECRETS: ReadonlyMap<string, { field?: string; template?: object }> = new Map([
  ['admin-password', {}],
  [INTERNAL_API_KEY_SECRET, { field: 'current', template: { previous: '' } }],
]);

/** Secrets that start as UNSET_SECRET_VALUE until operations set them. */
export const PLACEHOLDER_SECRETS: ReadonlySet<string> = new Set([STRIPE_SECRET, STRIPE_WEBHOOK_SECRET]);

/**
 * Secrets that cannot rotate by themselves, how old their value may get before the secret-age
 * alarm reminds operations, and the runbook that rotates them. The internal key needs a
 * coordinated two-key window; the Stripe key is issued by Stripe (checked only where orders
 * uses Stripe).
 */
export const HAND_ROTATED_SECRETS: ReadonlyMap<string, { maxAgeDays: number; runbook: string }> = new Map([
  [INTERNAL_API_KEY_SECRET, { maxAgeDays: 90, runbook: 'rotate-internal-api-key.md' }],
  [STRIPE_SECRET, { maxAgeDays: 365, runbook: 'rotate-stripe-key.md' }],
]);

/** Distinct secret ids across services. */
export const SECRET_IDS = [
  ...new Set(MICROSERVICE_SPECS.flatMap((s) => Object.values(s.secrets).map((ref) => ref.id))),
];
