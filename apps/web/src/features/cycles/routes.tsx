import type { RouteObject } from 'react-router';
import { CycleDashboardPage } from './CycleDashboardPage';
import { CyclesPage } from './CyclesPage';
import { LaunchCyclePage } from './LaunchCyclePage';

// The cycles feature's pages. Features never import each other; they link by URL.
export const cyclesRoutes: RouteObject[] = [
  { path: '/cycles', element: <CyclesPage /> },
  { path: '/cycles/new', element: <LaunchCyclePage /> },
  { path: '/cycles/:cycleId', element: <CycleDashboardPage /> },
];
