import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose';
import type { Role } from '../auth.js';

export { FORGED_TOKEN_NAMES, forgedTokens } from './forged-tokens.js';

export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Signs an access token as the users service would. */
  token(claims: {
    userId: string;
    role?: Role;
    email?: string;
    expiresIn?: string | number;
  }): Promise<string>;
  /** A token signed by a key the JWKS does not publish. */
  foreignToken(claims: { userId: string; role?: Role }): Promise<string>;
  /**
   * Exactly these claims and header, signed with the published key (ES256, its `kid`): a token that
   * differs from a real one in what a test chooses, such as a missing `exp` or a future `nbf`.
   */
  signed(claims: JWTPayload, header?: Partial<JWTHeaderParameters>): Promise<string>;
  /** The published key as a JWK, for forging what an attacker could (an HMAC keyed with it). */
  publicJwk: JWK;
  stop(): Promise<void>;
}

/**
 * A stand-in for the users service's token issuing in component tests of other services: a real
 * HTTP JWKS endpoint on a free port and ES256 tokens with the same claims.
 */
export async function startTestIssuer(
  issuer = 'https://auth.shopeasy.local',
  audience = 'shopeasy-api',
): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const kid = 'test-key-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  const sign = (
    key: typeof privateKey,
    claims: { userId: string; role?: Role; email?: string; expiresIn?: string | number },
  ) =>
    new SignJWT({ role: claims.role ?? 'customer', ...(claims.email ? { email: claims.email } : {}) })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setSubject(claims.userId)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(claims.expiresIn ?? '15m')
      .sign(key);

  return {
    jwksUrl: `http://127.0.0.1:${port}/v1/.well-known/jwks.json`,
    issuer,
    audience,
    token: (claims) => sign(privateKey, claims),
    foreignToken: (claims) => sign(foreign.privateKey, claims),
    signed: (claims, header = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt', ...header })
        .sign(privateKey),
    publicJwk: jwk,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A JSON answer as a test reads it. */
export interface JsonReply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  contentType: string;
  body: T;
}

/** One JSON call over HTTP, as any client would make it (component tests of every service). */
export async function callJson<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<JsonReply<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  Object.assign(headers, options.headers);
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    contentType: res.headers.get('content-type') ?? '',
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}
export { eventually } from './eventually.js';
export { startOtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';
export { readJson, startStubServer, unusedUrl, type StubServer } from './stub-server.js';
export { killSpawned, spawnEntry, type LogLine, type SpawnedProcess } from './spawned-process.js';
