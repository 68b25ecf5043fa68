import { SpanKind } from '@opentelemetry/api';
import { bearerToken, createTokenVerifier, type TokenVerifier } from '@shopeasy/service-kit/auth';
import { UnauthorizedError } from '@shopeasy/service-kit/errors';
import {
  createServiceMetrics,
  flushTelemetry,
  inConsumerSpan,
  type ServiceMetrics,
} from '@shopeasy/service-kit/telemetry';
import { startFunctionTracing } from '@shopeasy/service-kit/telemetry/tracing';
import { loadConfig, type AuthorizerConfig } from './config.js';
import { policyFor, type PolicyDocument } from './policy.js';

/** API Gateway TOKEN authorizer event. */
export interface TokenAuthorizerEvent {
  type: 'TOKEN';
  authorizationToken?: string;
  methodArn: string;
}

/**
 * API Gateway REQUEST authorizer event (the guest-cart operations, not cached): a bearer token is
 * checked as in a TOKEN event; X-Cart-Token alone passes as a guest, for the cart to resolve.
 */
export interface RequestAuthorizerEvent {
  type: 'REQUEST';
  methodArn: string;
  headers?: Record<string, string | undefined> | null;
}

export interface AuthorizerResult {
  principalId: string;
  policyDocument: PolicyDocument;
  /** Passed to the integration as $context.authorizer.<key>. */
  context: { userId: string; role: string };
}

/** API Gateway answers 401 when a token authorizer fails with exactly this message. */
const UNAUTHORIZED = 'Unauthorized';

/**
 * Builds the authorizer around a verifier: the same checks as the local gateway. A bad token is a
 * 401 and counts as `TokensRejected` (normal traffic); a failure to verify at all (the JWKS cannot
 * be fetched) counts as `AuthorizerFaults` and fails the invocation, so API Gateway answers 500
 * rather than telling a customer with a good token that it is bad.
 */
export function createAuthorizer(
  config: AuthorizerConfig,
  verifier?: TokenVerifier,
  metrics?: ServiceMetrics,
) {
  const verify =
    verifier ??
    createTokenVerifier({ jwks: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  return async (event: TokenAuthorizerEvent | RequestAuthorizerEvent): Promise<AuthorizerResult> => {
    const authorization =
      event.type === 'REQUEST' ? headerOf(event, 'authorization') : event.authorizationToken;
    if (event.type === 'REQUEST' && !authorization && headerOf(event, 'x-cart-token'))
      return guest(event.methodArn);
    let principal;
    try {
      principal = await verify.verify(bearerToken(authorization));
    } catch (error) {
      const rejected = error instanceof UnauthorizedError;
      metrics?.count(rejected ? 'TokensRejected' : 'AuthorizerFaults');
      if (rejected) throw new Error(UNAUTHORIZED, { cause: error });
      throw error;
    }
    return {
      principalId: principal.userId,
      policyDocument: policyFor(event.methodArn, principal.role, config.ADMIN_ROUTES),
      context: { userId: principal.userId, role: principal.role },
    };
  };
}

/** A guest may call only the method it called (the result is not cached); the cart checks the token. */
function guest(methodArn: string): AuthorizerResult {
  return {
    principalId: 'guest',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [methodArn] }],
    },
    context: { userId: '', role: 'guest' },
  };
}

// API Gateway passes headers as the client spelled them.
function headerOf(event: RequestAuthorizerEvent, name: string): string | undefined {
  const found = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1] || undefined;
}

let authorizer: ReturnType<typeof createAuthorizer> | undefined;
let metrics: ServiceMetrics | undefined;

/**
 * Lambda entry point; configuration is read once per execution environment. The span continues
 * the API Gateway request's X-Ray trace (Lambda passes it in _X_AMZN_TRACE_ID); the counts and the
 * span leave before the environment may freeze.
 */
export async function handler(
  event: TokenAuthorizerEvent | RequestAuthorizerEvent,
): Promise<AuthorizerResult> {
  if (!authorizer) {
    startFunctionTracing('authorizer');
    metrics = createServiceMetrics('authorizer', { flushIntervalMs: 60_000 });
    authorizer = createAuthorizer(loadConfig(), undefined, metrics);
  }
  const run = authorizer;
  try {
    return await inConsumerSpan(
      'authorize',
      { 'x-amzn-trace-id': process.env._X_AMZN_TRACE_ID },
      () => run(event),
      SpanKind.SERVER,
    );
  } finally {
    metrics?.flush();
    await flushTelemetry();
  }
}
