import {
  EVENTS_TOPIC_ENV,
  INVENTORY_STREAM_ENV,
  QUEUE_ENV,
  SES_FROM_ENV,
  TABLE_ENV,
  queueUrl,
} from '@shopeasy/resources';
import type { EnvironmentConfig } from '../../app/config.js';
import type { DataReferences } from '../../stacks/data-references.js';
import { internalServiceUrl } from './internal-domain.js';
import {
  MICROSERVICE_SPECS,
  USERS_PORT,
  RESERVATION_HOLD_SECONDS,
  SIGNING_KEY_REFRESH_SECONDS,
  type MicroserviceSpec,
} from './services.js';

/**
 * The non-secret variables of each service: where its own resources are (the same variable
 * names as locally, from @shopeasy/resources) and how to check access tokens.
 */
export function serviceEnvironment(config: EnvironmentConfig, data: DataReferences) {
  const { stack } = data;
  const names = data.names;
  return (spec: MicroserviceSpec): Record<string, string> => {
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      AWS_REGION: config.region,
      JWKS_URL: `${internalServiceUrl(config, USERS_PORT)}/v1/.well-known/jwks.json`,
      JWT_ISSUER: config.tokenIssuer,
      JWT_AUDIENCE: config.tokenAudience,
    };
    // Synchronous calls between services go over TLS through the internal load balancer.
    for (const other of MICROSERVICE_SPECS.filter(
      (s) => s.name !== spec.name && spec.calls.includes(s.name),
    )) {
      env[`${other.name.toUpperCase()}_URL`] = internalServiceUrl(config, other.port);
    }
    const { access } = spec;
    for (const id of access.tables) env[TABLE_ENV[id]] = names.tables[id];
    for (const id of new Set([...access.consumesQueues, ...access.sendsToQueues])) {
      env[QUEUE_ENV[id].url] = queueUrl(names.queues[id].name, stack.account, stack.region);
    }
    if (access.publishesEvents) env[EVENTS_TOPIC_ENV] = data.eventsTopic.topicArn;
    if (access.inventoryStream !== 'none') env[INVENTORY_STREAM_ENV] = names.inventoryStream;
    if (access.sendsEmail) env[SES_FROM_ENV] = names.sesFrom;
    // The first admin account; its password is a generated secret.
    if (spec.name === 'users') env.ADMIN_EMAIL = config.adminEmail;
    if (spec.name === 'users') env.SIGNING_KEY_REFRESH_SECONDS = String(SIGNING_KEY_REFRESH_SECONDS);
    if (spec.name === 'orders') env.PAYMENT_PROVIDER = config.paymentProvider;
    // One hold for both: the catalog keeps reserved stock this long, orders never charges past it.
    if (spec.name === 'catalog' || spec.name === 'orders')
      env.RESERVATION_TTL_SECONDS = String(RESERVATION_HOLD_SECONDS);
    // Under the contract's max-age of 5 s, so a page is at most seconds old behind the API cache.
    if (spec.name === 'catalog') env.CATALOG_CACHE_TTL_MS = '2000';
    return env;
  };
}
