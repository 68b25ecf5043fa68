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
  /** The key id tokens are signed with now. */
  currentKid(): string;
  /** From now on signs with `key` and publishes it with `previousKeys` (a reloaded key set). */
  useKeys(key: SigningKey, previousKeys: PublicJwk[]): void;
}

export function createTokenService(settings: TokenSettings): TokenService {
  // Swapped whole on a reload, so a token is signed and checked against one consistent set.
  let state = keyState(settings.key, settings.previousKeys ?? []);
  return {
    accessTtlSeconds: settings.accessTtlSeconds,
    refreshTtlSeconds: settings.refreshTtlSeconds,
    issueAccessToken: (user) => {
      const { key } = state;
      return new SignJWT({ role: user.role, email: user.email })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
        .setSubject(user.id)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime(`${settings.accessTtlSeconds}s`)
        .setJti(randomUUID())
        .sign(key.privateKey);
    },
    jwks: () => ({ keys: state.keys.map((k) => ({ ...k })) }),
    keyResolver: (header, token) => state.resolver(header, token),
    currentKid: () => state.key.kid,
    useKeys: (key, previousKeys) => {
      state = keyState(key, previousKeys);
    },
  };
}

function keyState(key: SigningKey, previousKeys: PublicJwk[]) {
  // The signing key first, then the others it publishes (never the same kid twice).
  const keys = [key.publicJwk, ...previousKeys.filter((k) => k.kid !== key.kid)];
  return { key, keys, resolver: createLocalJWKSet({ keys }) };
}

/** A new opaque refresh token and the hash that is the only thing stored. */
export function newRefreshToken(): { token: string; tokenHash: string } {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
