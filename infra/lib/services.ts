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
  readonly secrets: Readonly<Record<string, string>>;
}

const PORTS: Record<Microservice, number> = {
  users: 8081,
  catalog: 8082,
  cart: 8083,
  orders: 8084,
  feedback: 8085,
};

/** Secret ids (suffix after `shopeasy/<env>/`) by the variable each service reads them into. */
const SECRETS: Record<Microservice, Record<string, string>> = {
  users: { JWT_SIGNING_KEY: 'jwt-signing-key', ADMIN_PASSWORD: 'admin-password' },
  catalog: {},
  cart: {},
  orders: { STRIPE_SECRET_KEY: 'stripe-secret-key' },
  feedback: {},
};

export const MICROSERVICE_SPECS: readonly MicroserviceSpec[] = MICROSERVICES.map((name) => ({
  name,
  port: PORTS[name],
  access: SERVICE_ACCESS[name],
  secrets: SECRETS[name],
}));

/** Secrets Secrets Manager generates itself; the others are put in place by operations. */
export const GENERATED_SECRETS: ReadonlySet<string> = new Set(['admin-password']);

/** Distinct secret ids across services. */
export const SECRET_IDS = [...new Set(MICROSERVICE_SPECS.flatMap((s) => Object.values(s.secrets)))];
