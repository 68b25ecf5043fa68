import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ForbiddenError, ServiceUnavailableError, UnauthorizedError } from './errors.js';

export type Role = 'customer' | 'admin';

/** Who is calling, as the access token says. */
export interface Principal {
  userId: string;
  role: Role;
  email?: string;
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  issuer: string;
  audience: string;
  /** URL of the users service's JWKS, fetched and cached; or a key resolver (the users service's own keys). */
  jwks: string | JWTVerifyGetKey;
}

const INVALID_TOKEN = 'The access token is invalid or expired.';

/** Verifies ShopEasy access tokens (ES256, `kid`) against the users service's published keys. */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const keys =
    typeof options.jwks === 'string'
      ? createRemoteJWKSet(new URL(options.jwks), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
      : options.jwks;
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['ES256'],
          typ: 'at+jwt',
          // A token without an expiry would be valid forever; jose checks exp only when present.
          requiredClaims: ['exp', 'sub'],
        });
        const role = payload.role;
        // The same answer as any other bad token: which check failed is not the caller's to learn.
        if (typeof payload.sub !== 'string' || (role !== 'customer' && role !== 'admin')) {
          throw new UnauthorizedError(INVALID_TOKEN);
        }
        return {
          userId: payload.sub,
          role,
          ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
        };
      } catch (error) {
        if (error instanceof UnauthorizedError) throw error;
        // Keys that cannot be fetched are our outage, not the caller's bad token.
        if (!(error instanceof errors.JOSEError) || error.code === 'ERR_JWKS_TIMEOUT') {
          throw new ServiceUnavailableError('Access tokens cannot be verified right now.');
        }
        throw new UnauthorizedError(INVALID_TOKEN);
      }
    },
  };
}

/** Extracts the bearer token of an Authorization header, or throws 401. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '');
  if (!match?.[1]) throw new UnauthorizedError();
  return match[1];
}

/** Throws 403 unless the principal has one of the roles. */
export function requireRole(principal: Principal, roles: readonly string[]): void {
  if (roles.length > 0 && !roles.includes(principal.role)) {
    throw new ForbiddenError(`This operation requires the role ${roles.join(' or ')}.`);
  }
}
