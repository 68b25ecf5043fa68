import { bearerToken, createTokenVerifier, type TokenVerifier } from '@shopeasy/service-kit';
import { loadConfig, type AuthorizerConfig } from './config.js';
import { policyFor, type PolicyDocument } from './policy.js';

/** API Gateway TOKEN authorizer event. */
export interface TokenAuthorizerEvent {
  type: 'TOKEN';
  authorizationToken?: string;
  methodArn: string;
}

export interface AuthorizerResult {
  principalId: string;
  policyDocument: PolicyDocument;
  /** Passed to the integration as $context.authorizer.<key>. */
  context: { userId: string; role: string };
}

/** API Gateway answers 401 when a token authorizer fails with exactly this message. */
const UNAUTHORIZED = 'Unauthorized';

/** Builds the authorizer around a verifier: the same checks as the local gateway. */
export function createAuthorizer(config: AuthorizerConfig, verifier?: TokenVerifier) {
  const verify =
    verifier ??
    createTokenVerifier({ jwks: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  return async (event: TokenAuthorizerEvent): Promise<AuthorizerResult> => {
    let principal;
    try {
      principal = await verify.verify(bearerToken(event.authorizationToken));
    } catch {
      throw new Error(UNAUTHORIZED);
    }
    return {
      principalId: principal.userId,
      policyDocument: policyFor(event.methodArn, principal.role, config.ADMIN_ROUTES),
      context: { userId: principal.userId, role: principal.role },
    };
  };
}

let authorizer: ReturnType<typeof createAuthorizer> | undefined;

/** Lambda entry point; configuration is read once per execution environment. */
export async function handler(event: TokenAuthorizerEvent): Promise<AuthorizerResult> {
  authorizer ??= createAuthorizer(loadConfig());
  return authorizer(event);
}
