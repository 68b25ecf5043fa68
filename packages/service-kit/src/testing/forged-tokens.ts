import { SignJWT, UnsecuredJWT, type JWK, type JWTHeaderParameters, type JWTPayload } from 'jose';

/** What forging needs of an issuer (a `TestIssuer`): its names, its public key, its signing. */
interface Signer {
  issuer: string;
  audience: string;
  publicJwk: JWK;
  signed(claims: JWTPayload, header?: Partial<JWTHeaderParameters>): Promise<string>;
}

/** The names of `forgedTokens`, known before any issuer exists (for `it.each`). */
export const FORGED_TOKEN_NAMES = [
  'alg none (unsigned)',
  'HS256 keyed with the published public key',
  'another issuer',
  'another audience',
  'no subject',
  'no role',
  'an unknown role',
  'no expiry',
  'an expiry in the past',
  'a not-before in the future',
  'another token type',
] as const;

/**
 * Tokens a verifier must refuse, each differing from a valid one in one way, built the way an
 * attacker or a broken issuer would, by name (`FORGED_TOKEN_NAMES`).
 */
export function forgedTokens(issuer: Signer): [(typeof FORGED_TOKEN_NAMES)[number], () => Promise<string>][] {
  const now = Math.floor(Date.now() / 1000);
  const valid = {
    sub: 'usr_1',
    role: 'customer',
    iss: issuer.issuer,
    aud: issuer.audience,
    iat: now,
    exp: now + 900,
  };
  const without = (claim: keyof typeof valid) => {
    const { [claim]: _left, ...rest } = valid;
    return rest;
  };
  return [
    ['alg none (unsigned)', async () => new UnsecuredJWT(valid).encode()],
    [
      'HS256 keyed with the published public key',
      async () =>
        new SignJWT(valid)
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
          .sign(new TextEncoder().encode(JSON.stringify(issuer.publicJwk))),
    ],
    ['another issuer', () => issuer.signed({ ...valid, iss: 'https://evil.example' })],
    ['another audience', () => issuer.signed({ ...valid, aud: 'another-api' })],
    ['no subject', () => issuer.signed(without('sub'))],
    ['no role', () => issuer.signed(without('role'))],
    ['an unknown role', () => issuer.signed({ ...valid, role: 'superuser' })],
    ['no expiry', () => issuer.signed(without('exp'))],
    ['an expiry in the past', () => issuer.signed({ ...valid, exp: now - 60 })],
    ['a not-before in the future', () => issuer.signed({ ...valid, nbf: now + 600 })],
    ['another token type', () => issuer.signed(valid, { typ: 'JWT' })],
  ];
}
