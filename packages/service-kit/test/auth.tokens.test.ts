import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type TokenVerifier } from '../src/auth.js';
import { UnauthorizedError } from '../src/errors.js';
import { FORGED_TOKEN_NAMES, forgedTokens, startTestIssuer, type TestIssuer } from '../src/testing/index.js';

// The forged tokens are made when the issuer exists; it.each needs their names before.
let issuer: TestIssuer;
let verifier: TokenVerifier;
const forged = new Map<string, () => Promise<string>>();
beforeAll(async () => {
  issuer = await startTestIssuer();
  verifier = createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwksUrl });
  for (const [name, make] of forgedTokens(issuer)) forged.set(name, make);
});
afterAll(() => issuer.stop());

const NAMES = FORGED_TOKEN_NAMES;

describe('access token verification (service kit, used by every service, the gateway and the authorizer)', () => {
  it('When the token is as the users service signs it, then the caller is who it names', async () => {
    const token = await issuer.signed({
      sub: 'usr_1',
      role: 'admin',
      iss: issuer.issuer,
      aud: issuer.audience,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 900,
    });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'usr_1', role: 'admin' });
  });

  it('When every forged token is listed, then none is missing from the cases below', () => {
    expect([...forged.keys()]).toEqual(NAMES);
  });

  it.each(NAMES)('When the token has %s, then it is refused as 401', async (name) => {
    const token = await forged.get(name)!();
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
