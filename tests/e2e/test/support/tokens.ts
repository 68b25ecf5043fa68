import { createPrivateKey, sign, type JsonWebKey } from 'node:crypto';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * `accessToken` with `claims` changed, signed again with the stack's own key (JWT_SIGNING_KEY
 * of the stack's env, a private JWK): a token the stack trusts that differs from a real one only
 * in those claims.
 */
export function resign(accessToken: string, signingKeyJwk: string, claims: Record<string, unknown>): string {
  const jwk = JSON.parse(signingKeyJwk) as JsonWebKey & { kid: string };
  const [, payload] = accessToken.split('.');
  const header = { alg: 'ES256', kid: jwk.kid, typ: 'at+jwt' };
  const body = { ...(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object), ...claims };
  const input = `${base64url(header)}.${base64url(body)}`;
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}
