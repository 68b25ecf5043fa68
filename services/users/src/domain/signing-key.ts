import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import { ConfigError } from '@shopeasy/service-kit/config';

/** A public key as the JWKS publishes it. */
export interface PublicJwk {
  kty: 'EC';
  crv: string;
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: 'ES256';
}

/** The key access tokens are signed with, and its public half. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey | Uint8Array;
  publicJwk: PublicJwk;
}

/** Reads `JWT_SIGNING_KEY`: a private EC P-256 JWK (with `d` and `kid`) as JSON. */
export async function signingKeyFromJwk(json: string, variable = 'JWT_SIGNING_KEY'): Promise<SigningKey> {
  const jwk = parseJson(json, variable) as JWK;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y || !jwk.kid) {
    throw new ConfigError([`${variable}: must be a private EC P-256 JWK with kid, x, y and d`]);
  }
  const privateKey = await importJWK({ ...jwk, alg: 'ES256' }, 'ES256');
  return { kid: jwk.kid, privateKey, publicJwk: publicJwkOf(jwk, jwk.kid) };
}

/** A fresh key for development and tests; tokens signed with it die with the process. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = `ephemeral-${(await calculateJwkThumbprint(jwk)).slice(0, 16)}`;
  return { kid, privateKey, publicJwk: publicJwkOf(jwk, kid) };
}

/** Exports a key as the private JWK `JWT_SIGNING_KEY` expects (used by tests and key tooling). */
export async function exportSigningJwk(key: SigningKey): Promise<JWK> {
  return { ...(await exportJWK(key.privateKey)), kid: key.kid, alg: 'ES256', use: 'sig' };
}

/**
 * Reads `JWT_PREVIOUS_PUBLIC_KEYS`: public keys still published during a key rotation, as a JSON
 * array of JWKs or a JWKS object.
 */
export function previousPublicKeys(
  json: string | undefined,
  variable = 'JWT_PREVIOUS_PUBLIC_KEYS',
): PublicJwk[] {
  if (!json) return [];
  const parsed = parseJson(json, variable) as JWK[] | { keys?: JWK[] };
  const keys = Array.isArray(parsed) ? parsed : (parsed.keys ?? []);
  return keys.map((jwk) => {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y || !jwk.kid || jwk.d) {
      throw new ConfigError([`${variable}: each key must be a public EC P-256 JWK with kid`]);
    }
    return publicJwkOf(jwk, jwk.kid);
  });
}

/** A signing key set as the `jwt-signing-key` secret holds it: the key to sign with, and the others published. */
export interface LoadedKeySet {
  key: SigningKey;
  previousKeys: PublicJwk[];
}

/**
 * Reads the secret's value (JSON whose `current` is the private JWK and `published` the JWKS of the
 * other public keys), failing with what is wrong and never echoing key material.
 */
export async function keySetFromSecret(text: string, secretId: string): Promise<LoadedKeySet> {
  const set = parseJson(text, `secret ${secretId}`) as { current?: unknown; published?: unknown } | null;
  if (typeof set?.current !== 'string' || typeof set.published !== 'string') {
    throw new ConfigError([
      `secret ${secretId}: not a signing key set (string fields current and published)`,
    ]);
  }
  return {
    key: await signingKeyFromJwk(set.current, `secret ${secretId} (current)`),
    previousKeys: previousPublicKeys(set.published, `secret ${secretId} (published)`),
  };
}

function publicJwkOf(jwk: JWK, kid: string): PublicJwk {
  return {
    kty: 'EC',
    crv: jwk.crv ?? 'P-256',
    x: jwk.x ?? '',
    y: jwk.y ?? '',
    kid,
    use: 'sig',
    alg: 'ES256',
  };
}

function parseJson(json: string, variable: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new ConfigError([`${variable}: is not valid JSON`]);
  }
}
