import { recordedEnvironment } from './gateway-throttle.js';

/**
 * The admin login: ADMIN_EMAIL and ADMIN_PASSWORD when set, else what the users service of
 * `npm start` was given (its cloud definition's admin address and the local stack's password).
 */
export function stackAdmin(repoRoot: string): { email: string; password: string } {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = process.env;
  if (ADMIN_EMAIL && ADMIN_PASSWORD) return { email: ADMIN_EMAIL, password: ADMIN_PASSWORD };
  const found = recordedEnvironment(repoRoot, 'services/users/src/main.ts');
  if ('problem' in found)
    throw new Error(`No admin login: set ADMIN_EMAIL and ADMIN_PASSWORD (${found.problem})`);
  const email = found.vars.get('ADMIN_EMAIL');
  const password = found.vars.get('ADMIN_PASSWORD');
  if (!email || !password)
    throw new Error(`The users service (pid ${found.pid}) has no ADMIN_EMAIL or ADMIN_PASSWORD`);
  return { email, password };
}
