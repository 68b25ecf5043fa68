import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../src/domain/login.js';
import type { RefreshTokenRecord, TokenFamily } from '../src/domain/model.js';
import { refreshDecision } from '../src/domain/sessions.js';

const now = 1_800_000_000;
const token = (over: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  tokenHash: 'h',
  familyId: 'f',
  userId: 'u',
  status: 'active',
  expiresAt: now + 60,
  ...over,
});
const family = (status: TokenFamily['status'] = 'active'): TokenFamily => ({
  familyId: 'f',
  userId: 'u',
  status,
});

describe('refresh token rules', () => {
  it.each([
    ['an active, unexpired token of a live family', token(), family(), 'rotate'],
    ['a token already exchanged once', token({ status: 'used' }), family(), 'reuse'],
    ['a used token of an already revoked family', token({ status: 'used' }), family('revoked'), 'reuse'],
    ['a revoked token', token({ status: 'revoked' }), family(), 'reject'],
    ['an active token of a revoked family', token(), family('revoked'), 'reject'],
    ['a token whose family is gone', token(), undefined, 'reject'],
    ['an expired token', token({ expiresAt: now }), family(), 'reject'],
    ['an unknown token', undefined, undefined, 'reject'],
  ] as const)('When the presented token is %s, then the decision is %s', (_case, t, f, expected) => {
    expect(refreshDecision(t, f, now)).toBe(expected);
  });
});

describe('login lockout rule', () => {
  it('When this is the 5th attempt of the window, then it may proceed', () => {
    expect(retryAfterSeconds({ count: 5, windowEndsAt: now + 100 }, 5, now)).toBe(0);
  });

  it('When this is the 6th attempt, then it waits until the window ends', () => {
    expect(retryAfterSeconds({ count: 6, windowEndsAt: now + 100 }, 5, now)).toBe(100);
  });

  it('When the window ends this very second, then Retry-After is still at least 1', () => {
    expect(retryAfterSeconds({ count: 9, windowEndsAt: now }, 5, now)).toBe(1);
  });
});
