import type { Logger } from '@shopeasy/service-kit/telemetry';
import type { PasswordHasher } from './passwords.js';
import type { TokenService } from './token-service.js';
import type {
  BackoffPolicy,
  BackoffState,
  RefreshTokenRecord,
  TokenFamily,
  User,
  UserRecord,
} from './model.js';

/** Accounts, unique by normalized email. */
export interface UserStore {
  /** Writes the account and claims its email in one transaction; false when the email is taken. */
  create(user: UserRecord): Promise<boolean>;
  findById(id: string): Promise<UserRecord | undefined>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
  /** undefined when the account does not exist. */
  rename(id: string, name: string): Promise<User | undefined>;
  /** Replaces the hash only if it is still `expected`; false when it changed meanwhile or the account is gone. */
  replacePasswordHash(id: string, expected: string, next: string): Promise<boolean>;
}

/** Refresh tokens and their families. */
export interface RefreshTokenStore {
  /** Starts a family with its first token. */
  startFamily(family: TokenFamily, first: RefreshTokenRecord): Promise<void>;
  findToken(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  findFamily(familyId: string): Promise<TokenFamily | undefined>;
  /**
   * Marks `old` used and stores `next`, on condition that `old` is still active and its family
   * is not revoked; false when that condition failed (a concurrent use of the same token).
   */
  rotate(old: RefreshTokenRecord, next: RefreshTokenRecord): Promise<boolean>;
  /** Revokes the family and every token in it. Idempotent. */
  revokeFamily(familyId: string): Promise<void>;
}

/** Login attempts per (account, client) and failures per account, each expiring on its own. */
export interface LoginAttemptStore {
  /** The state as of `nowSeconds`: what has expired counts as nothing. */
  read(email: string, client: string, nowSeconds: number): Promise<BackoffState>;
  /** Stores `next` unless the client's attempts changed since `seen` was read; false then. */
  take(
    email: string,
    client: string,
    seen: BackoffState,
    next: { attempts: number; notBefore: number; expiresAt: number },
    nowSeconds: number,
  ): Promise<boolean>;
  /** Adds a failure to the account's count, remembered until `expiresAt` (epoch seconds). */
  recordFailure(email: string, expiresAt: number): Promise<void>;
  /** Forgets the client's attempts and the account's failures (after a success). */
  clear(email: string, client: string): Promise<void>;
}

/** Where domain events go once the state change is written. */
export interface UserEvents {
  userRegistered(user: User): Promise<void>;
}

/** Everything the use cases need; each takes the part it uses. */
export interface DomainDeps {
  users: UserStore;
  tokens: RefreshTokenStore;
  loginAttempts: LoginAttemptStore;
  events: UserEvents;
  hasher: PasswordHasher;
  tokenService: TokenService;
  logger: Logger;
  backoff: BackoffPolicy;
  /** Epoch seconds; the login back-off's clock. */
  clock: () => number;
}

/** Where the signing key set is kept (the `jwt-signing-key` secret): read again while the service runs. */
export interface KeySetSource {
  /** Names it in logs and errors. */
  readonly secretId: string;
  /** Its current value, as text. */
  read(): Promise<string>;
}
