import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * The value of the `jwt-signing-key` secret: JSON whose fields are strings, so that ECS hands
 * each field to the users container as one variable.
 *
 * Every users task publishes `current` and `published`. A rotation promotes `next`, whose public
 * half every running task already publishes, and publishes the key it replaces: tasks started
 * before and after a rotation accept each other's tokens while both run.
 */
export interface SigningKeySet {
  /** Private EC P-256 JWK the users service signs with (JWT_SIGNING_KEY). */
  current: string;
  /** Private JWK the next rotation promotes; only its public half leaves the secret. */
  next: string;
  /** JWKS of the public keys published besides `current`: the one before it and `next` (JWT_PREVIOUS_PUBLIC_KEYS). */
  published: string;
}

/** The secret's field behind each variable of the users container. */
export const SIGNING_KEY_FIELDS = {
  JWT_SIGNING_KEY: 'current',
  JWT_PREVIOUS_PUBLIC_KEYS: 'published',
} as const;

/** A new private P-256 JWK as the users service reads it: ES256, `kid` = its RFC 7638 thumbprint. */
export async function newSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { ...jwk, kid, alg: 'ES256', use: 'sig' };
}

/** The public half of a signing JWK, as the JWKS publishes it. */
export function publicHalf(jwk: JWK): JWK {
  const { kty, crv, x, y, kid, alg, use } = jwk;
  return { kty, crv, x, y, kid, alg, use };
}

/** The first key set of an environment: a current key, and the next one already published. */
export async function initialKeySet(current?: JWK): Promise<SigningKeySet> {
  const next = await newSigningJwk();
  return keySet(current ?? (await newSigningJwk()), next, [next]);
}

/** The key set after one rotation: `next` signs, a new `next` is made, the old current stays published. */
export async function rotatedKeySet(from: SigningKeySet): Promise<SigningKeySet> {
  const promoted = parseJwk(from.next, 'next');
  const previous = parseJwk(from.current, 'current');
  const next = await newSigningJwk();
  return keySet(promoted, next, [previous, next]);
}

/** Reads a key set, failing with what is wrong; never echoes key material. */
export function parseKeySet(text: string): SigningKeySet {
  let value: Partial<Record<keyof SigningKeySet, unknown>>;
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    throw new Error('the signing key secret is not JSON');
  }
  const set = value as SigningKeySet;
  parseJwk(set.current, 'current');
  parseJwk(set.next, 'next');
  const published = publishedKeys(set);
  if (published.some((key) => 'd' in key)) throw new Error('the published keys include a private key');
  if (!published.some((key) => key.kid === parseJwk(set.next, 'next').kid)) {
    throw new Error('the next key is not published');
  }
  return { current: set.current, next: set.next, published: set.published };
}

/** A private P-256 signing JWK, as text, or undefined when the text is something else. */
export function asSigningJwk(text: string): JWK | undefined {
  try {
    return parseJwk(text, 'key');
  } catch {
    return undefined;
  }
}

/** The public keys a users task started with this set publishes in its JWKS. */
export function publishedKeys(set: Pick<SigningKeySet, 'published'>): JWK[] {
  let jwks: { keys?: unknown };
  try {
    jwks = JSON.parse(set.published) as { keys?: unknown };
  } catch {
    throw new Error('the published keys are not JSON');
  }
  if (!Array.isArray(jwks.keys)) throw new Error('the published keys are not a JWKS');
  return jwks.keys as JWK[];
}

function keySet(current: JWK, next: JWK, published: JWK[]): SigningKeySet {
  return {
    current: JSON.stringify(current),
    next: JSON.stringify(next),
    published: JSON.stringify({ keys: published.map(publicHalf) }),
  };
}

function parseJwk(text: unknown, field: string): JWK {
  let jwk: JWK;
  try {
    jwk = JSON.parse(String(text)) as JWK;
  } catch {
    throw new Error(`the ${field} key is not JSON`);
  }
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y || !jwk.kid) {
    throw new Error(`the ${field} key is not a private EC P-256 JWK with a kid`);
  }
  return jwk;
}
