import type { Principal } from '@shopeasy/service-kit/auth';
import { UnauthorizedError } from '@shopeasy/service-kit/errors';
import type { Handlers } from '@shopeasy/service-kit/http';
import type { operations } from '@shopeasy/api-client/types/users';
import { login } from '../domain/login.js';
import type { DomainDeps } from '../domain/ports.js';
import { getProfile, renameProfile } from '../domain/profile.js';
import { registerCustomer } from '../domain/register.js';
import { endSession, refreshSession } from '../domain/sessions.js';
import { clientAddress } from './client-address.js';

// Keys change rarely; caches may keep them for five minutes (rotation publishes both keys longer).
const JWKS_CACHE = { 'Cache-Control': 'public, max-age=300' };

/** One thin handler per operation of contracts/users.yaml: input in, use case, reply out. */
export function usersHandlers(deps: DomainDeps): Handlers<operations> {
  return {
    registerUser: async ({ body }) => ({ status: 201, body: await registerCustomer(deps, body) }),
    login: async ({ body, headers }) => ({
      status: 200,
      body: await login(deps, { ...body, client: clientAddress(headers) }),
    }),
    refreshTokens: async ({ body }) => ({ status: 200, body: await refreshSession(deps, body.refreshToken) }),
    logout: async ({ body }) => {
      await endSession(deps, body.refreshToken);
      return { status: 204 };
    },
    getCurrentUser: async ({ principal }) => ({
      status: 200,
      body: await getProfile(deps, caller(principal)),
    }),
    updateCurrentUser: async ({ principal, body }) => ({
      status: 200,
      body: await renameProfile(deps, caller(principal), body.name),
    }),
    getJwks: async () => ({ status: 200, body: deps.tokenService.jwks(), headers: JWKS_CACHE }),
  };
}

// The kit sets the principal on every secured operation; without one, answer as for a missing token.
function caller(principal: Principal | undefined): string {
  if (!principal) throw new UnauthorizedError();
  return principal.userId;
}
