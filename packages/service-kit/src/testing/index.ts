import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Role } from '../auth.js';

export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Signs an access token as the users service would. */
  token(claims: {
    userId: string;
    role?: Role;
    email?: string;
    expiresIn?: string | number;
  }): Promise<string>;
  /** A token signed by a key the JWKS does not publish. */
  foreignToken(claims: { userId: string; role?: Role }): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A stand-in for the users service's token issuing in component tests of other services: a real
 * HTTP JWKS endpoint on a free port and ES256 tokens with the same claims.
 */
export async function startTestIssuer(
  issuer = 'https://auth.shopeasy.local',
  audience = 'shopeasy-api',
): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const kid = 'test-key-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  const sign = (
    key: typeof privateKey,
    claims: { userId: string; role?: Role; email?: string; expiresIn?: string | number },
  ) =>
    new SignJWT({ role: claims.role ?? 'customer', ...(claims.email ? { email: claims.email } : {}) })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setSubject(claims.userId)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(claims.expiresIn ?? '15m')
      .sign(key);

  return {
    jwksUrl: `http://127.0.0.1:${port}/v1/.well-known/jwks.json`,
    issuer,
    audience,
    token: (claims) => sign(privateKey, claims),
    foreignToken: (claims) => sign(foreign.privateKey, claims),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
