import { UnprocessableError, ValidationError } from '@shopeasy/service-kit/errors';
import { newId } from '@shopeasy/service-kit/ids';
import { isCommonPassword } from './common-passwords.js';
import { EmailTakenError } from './errors.js';
import type { Role, User, UserRecord } from './model.js';
import type { DomainDeps } from './ports.js';

type RegistrationDeps = Pick<DomainDeps, 'users' | 'hasher' | 'events' | 'logger'>;

export interface RegistrationInput {
  email: string;
  password: string;
  name: string;
}

/** Emails compare case-insensitively and without surrounding spaces. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Registers a customer: checks the input and the email, hashes the password, claims the email, announces it. */
export async function registerCustomer(deps: RegistrationDeps, input: RegistrationInput): Promise<User> {
  const user = await createAccount(deps, input, 'customer');
  if (!user) throw new EmailTakenError();
  // The account is written; a lost event costs a welcome email, not the registration.
  try {
    await deps.events.userRegistered(user);
  } catch (error) {
    deps.logger.error({ err: error, userId: user.id, event: 'user.registered' }, 'event not published');
  }
  return user;
}

/** Writes an account; undefined when the email is already registered. */
export async function createAccount(
  deps: Pick<RegistrationDeps, 'users' | 'hasher'>,
  input: RegistrationInput,
  role: Role,
): Promise<User | undefined> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  if (name.length === 0) {
    throw new ValidationError('The request is not valid.', [
      { field: 'body.name', message: 'must not be blank' },
    ]);
  }
  assertAcceptablePassword(input.password, email);
  // Hashing is the expensive part: a taken email is refused before it. The conditional write
  // below still decides when registrations of one email race.
  if (await deps.users.findByEmail(email)) return undefined;
  const record: UserRecord = {
    id: newId('usr'),
    email,
    name,
    role,
    createdAt: new Date().toISOString(),
    passwordHash: await deps.hasher.hash(input.password),
  };
  if (!(await deps.users.create(record))) return undefined;
  const { passwordHash: _hash, ...user } = record;
  return user;
}

function assertAcceptablePassword(password: string, email: string): void {
  const lowered = password.trim().toLowerCase();
  if (isCommonPassword(password) || lowered === email || lowered === email.split('@')[0]) {
    throw new UnprocessableError('Choose a less common password.', [
      { field: 'body.password', message: 'is too common or too easy to guess' },
    ]);
  }
}
