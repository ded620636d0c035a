import type { RouteObject } from 'react-router';

// The units feature's pages. Features never import each other; they link by URL. Each page
// is its own chunk, loaded when first visited: the first page ships only what it needs.
export const unitsRoutes: RouteObject[] = [
  { path: '/units', lazy: async () => ({ Component: (await import('./MyUnitsPage')).MyUnitsPage }) },
  { path: '/units/:unitId/cycles/:cycleId/report', lazy: async () => ({ Component: (await import('./UnitReportPage')).UnitReportPage }) },
];
