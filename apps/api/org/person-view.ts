import type { PersonStatus, Position } from '../../../libs/domain/enums.js';

/** A person as the registry stores them, before `personAsSeenBy` trims it to what a reader may see. */
export interface PersonView {
  id: string;
  name: string;
  unitId: string;
  position: Position;
  email: string | null;
  discipline: unknown[];
  status: PersonStatus;
  hasLogin: boolean;
  roles: Array<{ role: string; unitId: string | null }>;
  /** The higher unit whose standing committee manages the person; null: none. */
  managedByUnitId: string | null;
}
