import type { PersonStatus, Position, UnitKind, UnitStatus } from '../enums.js';

export interface UnitRecord {
  id: string;
  parentId: string | null;
  name: string;
  kind: UnitKind;
  /** Absent means active. Trees for planning hold active units only. */
  status?: UnitStatus;
}

export interface PersonRecord {
  id: string;
  name: string;
  unitId: string;
  position: Position;
  /** Absent means active. Trees for head and reviewer resolution hold active people only. */
  status?: PersonStatus;
  /** The higher unit whose standing committee manages the person (reviews after the decision); absent or null: none. */
  managedByUnitId?: string | null;
}
