import type { DomainDeps } from './ports.js';
import { createAccount, normalizeEmail } from './register.js';

export interface AdminAccount {
  email: string;
  password: string;
  name: string;
}

export type AdminOutcome = 'created' | 'present' | 'taken-by-customer';

/**
 * Makes sure the configured admin account exists. Idempotent: an existing admin is left as it is
 * (its password is not reset), and several instances starting at once create it once. A
 * customer who registered the admin email first is never promoted.
 */
export async function ensureAdmin(
  deps: Pick<DomainDeps, 'users' | 'hasher' | 'logger'>,
  admin: AdminAccount,
): Promise<AdminOutcome> {
  const email = normalizeEmail(admin.email);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const existing = await deps.users.findByEmail(email);
    if (existing) {
      if (existing.role === 'admin') {
        deps.logger.info({ userId: existing.id }, 'admin account present');
        return 'present';
      }
      deps.logger.error({ userId: existing.id }, 'ADMIN_EMAIL belongs to a customer account; not promoted');
      return 'taken-by-customer';
    }
    const created = await createAccount(deps, admin, 'admin');
    if (created) {
      deps.logger.info({ userId: created.id }, 'admin account created');
      return 'created';
    }
    // Another instance created it between our read and our write: read it again.
  }
  throw new Error('The admin account could not be created or found.');
}
