import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: N = 2^logN, block size r, parallelism p. */
export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

export interface PasswordHasher {
  /** A PHC-style string `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (its parameters, a fresh 16-byte salt). */
  hash(password: string): Promise<string>;
  /** Constant-time comparison; a malformed stored hash never matches. */
  verify(password: string, stored: string): Promise<boolean>;
  /** Spends the time of one verification and fails: the answer for an unknown account. */
  verifyNothing(password: string): Promise<false>;
  /** Whether the stored hash was made with other parameters than the current ones. */
  needsRehash(stored: string): boolean;
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export function createPasswordHasher(params: ScryptParams): PasswordHasher {
  const encode = (p: ScryptParams, salt: Buffer, key: Buffer) =>
    `$scrypt$ln=${p.logN},r=${p.r},p=${p.p}$${salt.toString('base64').replace(/=+$/, '')}$${key
      .toString('base64')
      .replace(/=+$/, '')}`;
  const hash = async (password: string) => {
    const salt = randomBytes(SALT_LENGTH);
    return encode(params, salt, await derive(password, salt, params, KEY_LENGTH));
  };
  // Made once, lazily: verifying against it costs what verifying a real account costs.
  let dummy: Promise<string> | undefined;
  const verify = async (password: string, stored: string) => {
    const parsed = parse(stored);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.params, KEY_LENGTH);
    return timingSafeEqual(key, parsed.key);
  };
  return {
    hash,
    verify,
    async verifyNothing(password) {
      dummy ??= hash(randomBytes(24).toString('base64'));
      await verify(password, await dummy);
      return false;
    },
    needsRehash(stored) {
      const parsed = parse(stored);
      return (
        !parsed ||
        parsed.params.logN !== params.logN ||
        parsed.params.r !== params.r ||
        parsed.params.p !== params.p
      );
    },
  };
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const m = PHC.exec(stored);
  if (!m) return undefined;
  const params = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  const key = Buffer.from(m[5]!, 'base64');
  // A shortened key would match a prefix of the real one: only full-length keys count.
  if (params.logN < 10 || params.logN > 22 || key.length !== KEY_LENGTH) return undefined;
  return { params, salt: Buffer.from(m[4]!, 'base64'), key };
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const N = 2 ** params.logN;
  // scrypt needs about 128 * N * r bytes (128 MiB at N=2^17, r=8); node's default cap is 32 MiB.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => {
    // NFKC: the same password typed on different keyboards hashes the same.
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
