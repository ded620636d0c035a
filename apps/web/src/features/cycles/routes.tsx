import type { RouteObject } from 'react-router';

// The cycles feature's pages. Features never import each other; they link by URL. Each page
// is its own chunk, loaded when first visited: the first page ships only what it needs.
export const cyclesRoutes: RouteObject[] = [
  { path: '/cycles', lazy: async () => ({ Component: (await import('./CyclesPage')).CyclesPage }) },
  { path: '/cycles/new', lazy: async () => ({ Component: (await import('./LaunchCyclePage')).LaunchCyclePage }) },
  { path: '/cycles/:cycleId', lazy: async () => ({ Component: (await import('./CycleDashboardPage')).CycleDashboardPage }) },
];
