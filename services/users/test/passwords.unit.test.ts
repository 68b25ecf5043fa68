import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../src/domain/passwords.js';

// The cheapest cost scrypt accepts here keeps the unit tests fast; the service default is 2^15.
const hasher = createPasswordHasher({ logN: 14, r: 8, p: 1 });

describe('password hashing', () => {
  it('When a password is hashed, then the same password verifies and a different one does not', async () => {
    const stored = await hasher.hash('correct-horse-battery-staple');

    expect(await hasher.verify('correct-horse-battery-staple', stored)).toBe(true);
    expect(await hasher.verify('correct-horse-battery-stapl', stored)).toBe(false);
    expect(stored).not.toContain('correct-horse');
  });

  it('When one password is hashed twice, then the salts and hashes differ', async () => {
    const [a, b] = await Promise.all([hasher.hash('same password here'), hasher.hash('same password here')]);

    expect(a).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
  });

  it('When a stored hash is malformed or truncated, then nothing verifies against it', async () => {
    const stored = await hasher.hash('a-password-of-mine');

    expect(await hasher.verify('a-password-of-mine', stored.slice(0, -10))).toBe(false);
    expect(await hasher.verify('a-password-of-mine', 'plaintext')).toBe(false);
    expect(await hasher.verify('a-password-of-mine', '')).toBe(false);
  });

  it('When a hash was made with other parameters, then it still verifies and is due for a rehash', async () => {
    const older = createPasswordHasher({ logN: 13, r: 8, p: 1 });
    const stored = await older.hash('an-older-password');

    expect(await hasher.verify('an-older-password', stored)).toBe(true);
    expect(hasher.needsRehash(stored)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('an-older-password'))).toBe(false);
  });

  it('When an unknown account is checked, then the answer is no', async () => {
    expect(await hasher.verifyNothing('whatever-was-typed')).toBe(false);
  });

  it('When the same text is typed in a different Unicode form, then it still verifies', async () => {
    const stored = await hasher.hash('caf\u00e9-au-lait-please');

    expect(await hasher.verify('cafe\u0301-au-lait-please', stored)).toBe(true);
  });
});
