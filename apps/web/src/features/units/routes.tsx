import type { RouteObject } from 'react-router';
import { MyUnitsPage } from './MyUnitsPage';
import { UnitReportPage } from './UnitReportPage';

// The units feature's pages. Features never import each other; they link by URL.
export const unitsRoutes: RouteObject[] = [
  { path: '/units', element: <MyUnitsPage /> },
  { path: '/units/:unitId/cycles/:cycleId/report', element: <UnitReportPage /> },
];
