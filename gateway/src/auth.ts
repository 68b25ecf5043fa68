import { bearerToken, type Principal, requireRole, type TokenVerifier } from '@shopeasy/service-kit/auth';
import { AppError, UnauthorizedError } from '@shopeasy/service-kit/errors';
import type { Route } from './routing/index.js';

/** The caller of an operation: a verified principal, or the problem its credentials have. */
export interface Caller {
  principal?: Principal;
  problem?: AppError;
}

/**
 * Verifies the bearer token of a secured operation. Public operations are not checked: the
 * service decides what a token means there. A bad token is not thrown yet, so the throttle can
 * count the attempt against the caller's address first.
 */
export async function identify(
  route: Route,
  authorization: string | undefined,
  verifier: TokenVerifier,
): Promise<Caller> {
  if (!route.secured) return {};
  try {
    return { principal: await verifier.verify(bearerToken(authorization)) };
  } catch (error) {
    if (error instanceof AppError) return { problem: error };
    throw error;
  }
}

/** 401 without a valid token, 403 when the operation's `x-shopeasy-roles` excludes the caller's role. */
export function authorize(route: Route, caller: Caller): void {
  if (!route.secured) return;
  if (!caller.principal) throw caller.problem ?? new UnauthorizedError();
  requireRole(caller.principal, route.roles);
}
