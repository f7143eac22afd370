// The staff feature's persistence, built once by services.ts and shared by every staff route.
import type { Store } from '../store/collection';
import { AuditLog } from './audit';
import { LoginThrottle } from './login-throttle';
import { StaffSessionRepository } from './sessions';
import { StaffUserRepository } from './users';

export interface StaffRepositories {
  users: StaffUserRepository;
  sessions: StaffSessionRepository;
  loginThrottle: LoginThrottle;
  audit: AuditLog;
}

export function createStaffRepositories(store: Store, now: () => Date): StaffRepositories {
  return {
    users: new StaffUserRepository(store, now),
    sessions: new StaffSessionRepository(store, now),
    loginThrottle: new LoginThrottle(store, now),
    audit: new AuditLog(store, now),
  };
}
