import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createLocalJWKSet, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { User } from './model.js';
import type { PublicJwk, SigningKey } from './signing-key.js';

export interface TokenSettings {
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  key: SigningKey;
  /** Keys of earlier signers, still published so their unexpired tokens verify. */
  previousKeys?: PublicJwk[];
}

export interface TokenService {
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
  /** An ES256 access token with ShopEasy's claims, as the service kit's verifier expects. */
  issueAccessToken(user: Pick<User, 'id' | 'email' | 'role'>): Promise<string>;
  /** The published key set. */
  jwks(): { keys: PublicJwk[] };
  /** Resolves verification keys from the published set, without an HTTP call. */
  readonly keyResolver: JWTVerifyGetKey;
}

export function createTokenService(settings: TokenSettings): TokenService {
  const keys = [settings.key.publicJwk, ...(settings.previousKeys ?? [])];
  const jwks = { keys };
  return {
    accessTtlSeconds: settings.accessTtlSeconds,
    refreshTtlSeconds: settings.refreshTtlSeconds,
    issueAccessToken: (user) =>
      new SignJWT({ role: user.role, email: user.email })
        .setProtectedHeader({ alg: 'ES256', kid: settings.key.kid, typ: 'at+jwt' })
        .setSubject(user.id)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime(`${settings.accessTtlSeconds}s`)
        .setJti(randomUUID())
        .sign(settings.key.privateKey),
    jwks: () => ({ keys: keys.map((k) => ({ ...k })) }),
    keyResolver: createLocalJWKSet(jwks),
  };
}

/** A new opaque refresh token and the hash that is the only thing stored. */
export function newRefreshToken(): { token: string; tokenHash: string } {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
