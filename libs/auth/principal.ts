import type { Role } from '../domain/enums.js';

export interface RoleGrant {
  role: Role;
  /** The unit whose subtree the role covers; null = every unit. */
  unitId: string | null;
}

/** Who is calling: an actor id (a person's id, or the bootstrap admin's) and their roles. */
export interface Principal {
  actorId: string;
  username: string;
  roles: RoleGrant[];
}

/** The units whose subtrees the principal administers (or audits); 'all' for an unscoped role. */
export function scopeRoots(principal: Principal, roles: readonly Role[]): string[] | 'all' {
  const grants = principal.roles.filter((g) => roles.includes(g.role));
  if (grants.some((g) => g.unitId === null)) return 'all';
  return grants.map((g) => g.unitId!);
}

/** Whether a unit, given its ancestry (root … unit), lies in the scope. */
export function inScope(scope: string[] | 'all', ancestorIds: readonly string[]): boolean {
  return scope === 'all' || ancestorIds.some((id) => scope.includes(id));
}

export const READ_ROLES: readonly Role[] = ['admin', 'auditor'];
export const ADMIN_ROLES: readonly Role[] = ['admin'];
