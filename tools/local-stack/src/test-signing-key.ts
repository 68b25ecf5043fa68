import { generateKeyPairSync, randomUUID } from 'node:crypto';

/**
 * A private EC P-256 JWK, as the users service reads JWT_SIGNING_KEY, made once per process. A
 * test stack signs with it, so a test can sign tokens that stack trusts (an expired one, say).
 */
export function testSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `test-stack-${randomUUID().slice(0, 8)}`;
  return JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' });
}
