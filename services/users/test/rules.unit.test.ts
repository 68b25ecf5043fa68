import { describe, expect, it } from 'vitest';
import { loginDelaySeconds } from '../src/domain/login-backoff.js';
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

describe('login back-off rule', () => {
  const policy = { freeAttempts: 3, baseSeconds: 1, maxSeconds: 900, memorySeconds: 900 };

  it('When a client is within its free attempts, then it does not wait', () => {
    expect([1, 2, 3].map((n) => loginDelaySeconds(policy, n))).toEqual([0, 0, 0]);
  });

  it('When a client keeps trying, then each wait doubles the one before', () => {
    expect([4, 5, 6, 7, 13].map((n) => loginDelaySeconds(policy, n))).toEqual([1, 2, 4, 8, 512]);
  });

  it('When the doubling passes the longest wait, then the wait stays at the longest', () => {
    expect([14, 60, 5000].map((n) => loginDelaySeconds(policy, n))).toEqual([900, 900, 900]);
  });
});
