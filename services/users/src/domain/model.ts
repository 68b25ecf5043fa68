import type { Role } from '@shopeasy/service-kit/auth';

export type { Role };

/** An account as the API shows it. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

/** An account with its password hash: never leaves the service. */
export interface UserRecord extends User {
  passwordHash: string;
}

/** active: may be exchanged once; used: already exchanged (a second use is theft); revoked: logged out. */
export type RefreshTokenStatus = 'active' | 'used' | 'revoked';

/** A stored refresh token: only the SHA-256 of the token is kept. */
export interface RefreshTokenRecord {
  tokenHash: string;
  familyId: string;
  userId: string;
  status: RefreshTokenStatus;
  /** Epoch seconds; also the table's TTL attribute. */
  expiresAt: number;
}

/** A login session: every refresh token descending from one login shares a family. */
export interface TokenFamily {
  familyId: string;
  userId: string;
  status: 'active' | 'revoked';
}

/** An issued token pair, as the API returns it. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** How long a client waits between login attempts on one account (the LOGIN_* settings). */
export interface BackoffPolicy {
  /** Attempts a client may make on one account without waiting. */
  freeAttempts: number;
  /** The first wait; each further attempt doubles it, up to `maxSeconds`. */
  baseSeconds: number;
  maxSeconds: number;
  /** How long failures are remembered after a client's wait ends. */
  memorySeconds: number;
}

/** What is known about one client's attempts on one account, and the account's failures from anyone. */
export interface BackoffState {
  /** Attempts of this client not yet cleared by a success (0 when expired or none). */
  attempts: number;
  /** Epoch seconds before which this client may not try this account again. */
  notBefore: number;
  /** Epoch seconds when this client's attempts are forgotten (0 when none). */
  expiresAt: number;
  accountFailures: number;
}
