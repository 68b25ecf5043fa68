import { randomUUID } from 'node:crypto';
import { InvalidRefreshTokenError } from './errors.js';
import type { RefreshTokenRecord, TokenFamily, TokenPair, User } from './model.js';
import type { DomainDeps } from './ports.js';
import { hashRefreshToken, newRefreshToken } from './token-service.js';

type SessionDeps = Pick<DomainDeps, 'users' | 'tokens' | 'tokenService' | 'logger'>;

export type RefreshDecision = 'rotate' | 'reuse' | 'reject';

/**
 * What presenting a refresh token leads to: a used token shown again means it was copied, so
 * the whole family goes; revoked, expired, unknown tokens and revoked families are refused.
 */
export function refreshDecision(
  token: RefreshTokenRecord | undefined,
  family: TokenFamily | undefined,
  nowSeconds: number,
): RefreshDecision {
  if (!token) return 'reject';
  if (token.status === 'used') return 'reuse';
  if (token.status === 'revoked' || family?.status !== 'active') return 'reject';
  return token.expiresAt > nowSeconds ? 'rotate' : 'reject';
}

/** Starts a login session: a new token family with its first refresh token. */
export async function startSession(deps: SessionDeps, user: User): Promise<TokenPair> {
  const familyId = randomUUID();
  const { token, record } = nextToken(deps, user.id, familyId);
  await deps.tokens.startFamily({ familyId, userId: user.id, status: 'active' }, record);
  return pair(deps, user, token);
}

/** Exchanges a refresh token for a new pair; the presented token can never be used again. */
export async function refreshSession(deps: SessionDeps, refreshToken: string): Promise<TokenPair> {
  const current = await deps.tokens.findToken(hashRefreshToken(refreshToken));
  const family = current ? await deps.tokens.findFamily(current.familyId) : undefined;
  const decision = refreshDecision(current, family, nowSeconds());
  if (decision === 'reuse' && current) await revokeAfterReuse(deps, current);
  if (decision !== 'rotate' || !current) throw new InvalidRefreshTokenError();

  const user = await deps.users.findById(current.userId);
  if (!user) {
    await deps.tokens.revokeFamily(current.familyId);
    throw new InvalidRefreshTokenError();
  }
  const { token, record } = nextToken(deps, user.id, current.familyId);
  // The condition "still active" lost: the same token was exchanged twice at once.
  if (!(await deps.tokens.rotate(current, record))) {
    await revokeAfterReuse(deps, current);
    throw new InvalidRefreshTokenError();
  }
  return pair(deps, user, token);
}

/** Revokes the session the refresh token belongs to. Unknown tokens change nothing. */
export async function endSession(deps: Pick<SessionDeps, 'tokens'>, refreshToken: string): Promise<void> {
  const current = await deps.tokens.findToken(hashRefreshToken(refreshToken));
  if (current) await deps.tokens.revokeFamily(current.familyId);
}

async function revokeAfterReuse(deps: SessionDeps, token: RefreshTokenRecord): Promise<void> {
  deps.logger.warn(
    { familyId: token.familyId, userId: token.userId },
    'refresh token reused; family revoked',
  );
  await deps.tokens.revokeFamily(token.familyId);
}

function nextToken(deps: SessionDeps, userId: string, familyId: string) {
  const { token, tokenHash } = newRefreshToken();
  const record: RefreshTokenRecord = {
    tokenHash,
    familyId,
    userId,
    status: 'active',
    expiresAt: nowSeconds() + deps.tokenService.refreshTtlSeconds,
  };
  return { token, record };
}

async function pair(deps: SessionDeps, user: User, refreshToken: string): Promise<TokenPair> {
  return {
    accessToken: await deps.tokenService.issueAccessToken(user),
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: deps.tokenService.accessTtlSeconds,
  };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
