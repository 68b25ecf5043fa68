import { bearerToken, type Principal, requireRole, type TokenVerifier } from '@shopeasy/service-kit/auth';
import { AppError, UnauthorizedError } from '@shopeasy/service-kit/errors';
import type { Route } from './routing/index.js';

/** The caller of an operation: a verified principal, a guest with a cart token, or the problem its credentials have. */
export interface Caller {
  principal?: Principal;
  /** A guest cart token on an operation that takes one; the cart service decides whether it names a cart. */
  guest?: boolean;
  problem?: AppError;
}

/** The credentials a request carries. */
export interface Credentials {
  authorization: string | undefined;
  cartToken: string | undefined;
}

/**
 * Verifies the bearer token of a secured operation. Public operations are not checked: the
 * service decides what a token means there. On the cart operations that take X-Cart-Token, a
 * request with that header and no Authorization passes as a guest. A bad token is not thrown yet,
 * so the throttle can count the attempt against the caller's address first.
 */
export async function identify(
  route: Route,
  credentials: Credentials,
  verifier: TokenVerifier,
): Promise<Caller> {
  if (!route.secured) return {};
  if (route.guestCart && !credentials.authorization && credentials.cartToken) return { guest: true };
  try {
    return { principal: await verifier.verify(bearerToken(credentials.authorization)) };
  } catch (error) {
    if (error instanceof AppError) return { problem: error };
    throw error;
  }
}

/** 401 without a valid token, 403 when the operation's `x-shopeasy-roles` excludes the caller's role. */
export function authorize(route: Route, caller: Caller): void {
  if (!route.secured || caller.guest) return;
  if (!caller.principal) throw caller.problem ?? new UnauthorizedError();
  requireRole(caller.principal, route.roles);
}
