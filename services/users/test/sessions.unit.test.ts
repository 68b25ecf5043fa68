import { createLogger } from '@shopeasy/service-kit/telemetry';
import { describe, expect, it } from 'vitest';
import type { RefreshTokenRecord, TokenFamily, UserRecord } from '../src/domain/model.js';
import type { RefreshTokenStore, UserStore } from '../src/domain/ports.js';
import { refreshSession, startSession } from '../src/domain/sessions.js';
import { generateSigningKey } from '../src/domain/signing-key.js';
import { createTokenService } from '../src/domain/token-service.js';

const user: UserRecord = {
  id: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMN',
  email: 'ada@example.com',
  name: 'Ada',
  role: 'customer',
  createdAt: '2025-11-20T09:00:00Z',
  passwordHash: 'x',
};

/** In-memory stores; `rotateLoses` makes the rotation report that its "still active" condition failed. */
async function fixture(options: { rotateLoses?: boolean; userExists?: boolean } = {}) {
  const tokens = new Map<string, RefreshTokenRecord>();
  const families = new Map<string, TokenFamily>();
  const store: RefreshTokenStore = {
    startFamily: async (family, first) => {
      families.set(family.familyId, { ...family });
      tokens.set(first.tokenHash, { ...first });
    },
    findToken: async (hash) => tokens.get(hash),
    findFamily: async (id) => families.get(id),
    rotate: async (old, next) => {
      if (options.rotateLoses) return false;
      tokens.set(old.tokenHash, { ...old, status: 'used' });
      tokens.set(next.tokenHash, { ...next });
      return true;
    },
    revokeFamily: async (id) => {
      const family = families.get(id);
      if (family) family.status = 'revoked';
    },
  };
  const users = {
    findById: async () => (options.userExists === false ? undefined : user),
  } as unknown as UserStore;
  const tokenService = createTokenService({
    issuer: 'https://auth.shopeasy.local',
    audience: 'shopeasy-api',
    accessTtlSeconds: 900,
    refreshTtlSeconds: 3600,
    key: await generateSigningKey(),
  });
  const deps = { users, tokens: store, tokenService, logger: createLogger('users', 'silent') };
  return { deps, families };
}

describe('refresh sessions', () => {
  // The race itself, against DynamoDB over HTTP, is in refresh.concurrency.test.ts.
  it('When the rotation write finds the token no longer active (another exchange won), then refresh gets 401 and the family is revoked', async () => {
    const { deps, families } = await fixture({ rotateLoses: true });
    const pair = await startSession(deps, user);

    await expect(refreshSession(deps, pair.refreshToken)).rejects.toMatchObject({ status: 401 });
    expect([...families.values()].map((f) => f.status)).toEqual(['revoked']);
  });

  it('When the account behind a session is gone, then refresh gets 401 and the family is revoked', async () => {
    const { deps, families } = await fixture({ userExists: false });
    const pair = await startSession(deps, user);

    await expect(refreshSession(deps, pair.refreshToken)).rejects.toMatchObject({ status: 401 });
    expect([...families.values()].map((f) => f.status)).toEqual(['revoked']);
  });

  it('When a token is exchanged, then the new refresh token differs and only its hash is stored', async () => {
    const { deps } = await fixture();
    const first = await startSession(deps, user);

    const second = await refreshSession(deps, first.refreshToken);

    expect(second.refreshToken).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await deps.tokens.findToken(second.refreshToken)).toBeUndefined();
  });
});
