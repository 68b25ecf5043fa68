import { createHash, timingSafeEqual } from 'node:crypto';
import type { Operation, ParsedRequest } from 'openapi-backend';
import { bearerToken, requireRole, type Principal, type TokenVerifier } from './auth.js';
import { UnauthorizedError } from './errors.js';

/** Checks one security scheme for a request: resolves with what it proves, throws when it fails. */
type SchemeCheck = (request: ParsedRequest, operation: Operation) => Promise<unknown>;

export interface SecurityOptions {
  /** The contract's `components.securitySchemes`: only the schemes it declares get a check. */
  schemes: object;
  verifier: TokenVerifier;
  internalApiKey?: string | readonly string[];
}

/**
 * The security requirements of an operation, as openapi-backend applies them: each scheme named
 * is checked (in parallel), one requirement object whose schemes all pass authorizes. Resolves with
 * the bearer principal (undefined on public operations); throws the failing scheme's error.
 */
export function securityCheck(options: SecurityOptions) {
  const checks = schemeChecks(options);
  return async (request: ParsedRequest, operation: Operation): Promise<Principal | undefined> => {
    const requirements = (operation.security ?? []) as Record<string, unknown>[];
    if (requirements.length === 0) return undefined;
    const names = [...new Set(requirements.flatMap((r) => Object.keys(r)))];
    const results = new Map<string, { value?: unknown; error?: unknown }>();
    await Promise.all(
      names.map(async (name) => {
        const check = checks.get(name);
        if (!check) return results.set(name, { error: new UnauthorizedError() });
        try {
          results.set(name, { value: await check(request, operation) });
        } catch (error) {
          results.set(name, { error: error ?? new UnauthorizedError() });
        }
      }),
    );
    const passed = (name: string) => Boolean(results.get(name)?.value);
    if (!requirements.some((r) => Object.keys(r).every(passed))) {
      throw results.get('bearerAuth')?.error ?? results.get('internalKey')?.error ?? new UnauthorizedError();
    }
    return passed('bearerAuth') ? (results.get('bearerAuth')?.value as Principal) : undefined;
  };
}

function schemeChecks({ schemes, verifier, internalApiKey }: SecurityOptions): Map<string, SchemeCheck> {
  const checks = new Map<string, SchemeCheck>();
  if ('bearerAuth' in schemes)
    checks.set('bearerAuth', async (request, operation) => {
      const principal = await verifier.verify(bearerToken(headerOf(request, 'authorization')));
      // Role checks sit with authentication, so a customer learns nothing about admin input rules.
      requireRole(principal, (operation as { 'x-shopeasy-roles'?: string[] })['x-shopeasy-roles'] ?? []);
      return principal;
    });
  // A guest cart token names a cart rather than a caller: the cart service looks it up (404 when none).
  if ('cartToken' in schemes)
    checks.set('cartToken', async (request) => {
      if (!headerOf(request, 'x-cart-token')) throw new UnauthorizedError();
      return true;
    });
  if ('internalKey' in schemes)
    checks.set('internalKey', async (request) => {
      if (!sameSecret(headerOf(request, 'x-internal-key'), [internalApiKey ?? []].flat())) {
        throw new UnauthorizedError('A valid internal service key is required.');
      }
      return true;
    });
  return checks;
}

/** Compares digests in constant time, against every accepted key (no early exit). */
function sameSecret(given: string | undefined, accepted: readonly string[]): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const a = digest(given ?? '');
  const matches = accepted.filter((key) => timingSafeEqual(a, digest(key)));
  return given !== undefined && matches.length > 0;
}

function headerOf(request: ParsedRequest, name: string): string | undefined {
  const value = (request.headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}
