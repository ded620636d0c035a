import type { Position, UnitKind } from '../enums.js';

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
}
