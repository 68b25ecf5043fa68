import { ValidationError } from '@shopeasy/service-kit/errors';
import { UnknownAccountError } from './errors.js';
import type { User } from './model.js';
import type { DomainDeps } from './ports.js';

type ProfileDeps = Pick<DomainDeps, 'users'>;

/** The signed-in user's profile. */
export async function getProfile(deps: ProfileDeps, userId: string): Promise<User> {
  const record = await deps.users.findById(userId);
  if (!record) throw new UnknownAccountError();
  const { passwordHash: _hash, ...user } = record;
  return user;
}

/** Changes the display name; email and role are not the user's to change. */
export async function renameProfile(deps: ProfileDeps, userId: string, name: string): Promise<User> {
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    throw new ValidationError('The request is not valid.', [
      { field: 'body.name', message: 'must not be blank' },
    ]);
  }
  const user = await deps.users.rename(userId, trimmed);
  if (!user) throw new UnknownAccountError();
  return user;
}
