// The first admin comes from STAFF_ADMIN_EMAIL / STAFF_ADMIN_PASSWORD, and only while no staff user
// exists: once the clinic has accounts, changing the variables creates nobody. Called by main.ts
// after the store is ready (never on import).
import type { Services } from '../services';
import { EmailTakenError } from './users';

export async function ensureBootstrapAdmin(services: Services): Promise<'created' | 'skipped'> {
  const admin = services.config.staffAdmin;
  if (!admin) return 'skipped';
  const users = services.repos.staff.users;
  if (await users.any()) return 'skipped';
  try {
    await users.create({ email: admin.email, password: admin.password, role: 'admin' });
  } catch (err) {
    // Another instance starting at the same moment created it first.
    if (err instanceof EmailTakenError) return 'skipped';
    throw err;
  }
  services.logger.info('created the bootstrap staff admin from STAFF_ADMIN_EMAIL');
  return 'created';
}
