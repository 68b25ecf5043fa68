import { testSigningKey } from './test-signing-key.js';

/** The local stack's admin password (the cloud's is in Secrets Manager). */
export const LOCAL_STACK_ADMIN_PASSWORD = 'shopeasy-local-stack-admin';

/**
 * What the local stack gives for each secret a cloud definition injects from Secrets Manager, by
 * the variable it lands in. A secret missing here fails the start, naming it. Values for a laptop
 * and CI only: the internal key differs from the services' own public default, which the cloud's
 * rules refuse.
 */
export function localSecrets(): Record<string, string> {
  return {
    JWT_SIGNING_KEY: testSigningKey(),
    // No earlier key published yet, as right after a first deployment.
    JWT_PREVIOUS_PUBLIC_KEYS: '[]',
    // The secret users re-reads in the cloud: none locally, so the key set stays the one above.
    JWT_SIGNING_KEY_SECRET_ID: '',
    ADMIN_PASSWORD: LOCAL_STACK_ADMIN_PASSWORD,
    INTERNAL_API_KEY: 'shopeasy-local-stack-internal-key',
    // Empty: no rotation in progress.
    INTERNAL_API_KEY_PREVIOUS: '',
    // The placeholder the stack stores until operations set the real key (dev pays with the sandbox).
    STRIPE_SECRET_KEY: 'UNSET',
    // The documented local signing secret: tests and frontends sign webhook events with it.
    STRIPE_WEBHOOK_SECRET: 'whsec_shopeasy_local',
  };
}
