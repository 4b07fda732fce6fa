import type { AuditAction } from '../contract/audit-actions.ts';
import type { Repository } from './store/repository.ts';

/**
 * Audit entries written outside the store's own transactions (lock, unlock, export, credentials),
 * stamped with who acted. Details carry ids, counts and names, never PHI.
 */
export function createAuditTrail(repo: Pick<Repository, 'appendAudit'>, actor: () => Promise<string>) {
  return {
    async record(action: AuditAction, detail: string): Promise<void> {
      await repo.appendAudit({ actor: await actor(), action, detail });
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
