import type { PersonStatus, Position, UnitKind } from '../enums.js';

export interface UnitRecord {
  id: string;
  parentId: string | null;
  name: string;
  kind: UnitKind;
}

export interface PersonRecord {
  id: string;
  name: string;
  unitId: string;
  position: Position;
  /** Absent means active. Trees for head and reviewer resolution hold active people only. */
  status?: PersonStatus;
}
