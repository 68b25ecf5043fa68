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

const PORTS: Record<Microservice, number> = {
  users: 8081,
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
    JWT_SIGNING_KEY: { id: 'jwt-signing-key' },
    ADMIN_PASSWORD: { id: 'admin-password' },
    ...INTERNAL_KEY,
  },
  catalog: { ...INTERNAL_KEY },
  cart: { ...INTERNAL_KEY },
  orders: { STRIPE_SECRET_KEY: { id: 'stripe-secret-key' }, ...INTERNAL_KEY },
  feedback: { ...INTERNAL_KEY },
};

export const MICROSERVICE_SPECS: readonly MicroserviceSpec[] = MICROSERVICES.map((name) => ({
  name,
  port: PORTS[name],
  access: SERVICE_ACCESS[name],
  secrets: SECRETS[name],
}));

/**
 * Secrets Secrets Manager generates itself (the JSON field it generates, if any, and the fields
 * it starts with); the others are put in place by operations.
 */
export const GENERATED_SECRETS: ReadonlyMap<string, { field?: string; template?: object }> = new Map([
  ['admin-password', {}],
  [INTERNAL_API_KEY_SECRET, { field: 'current', template: { previous: '' } }],
]);

/** Distinct secret ids across services. */
export const SECRET_IDS = [
  ...new Set(MICROSERVICE_SPECS.flatMap((s) => Object.values(s.secrets).map((ref) => ref.id))),
];
