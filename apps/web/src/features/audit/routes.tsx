import type { RouteObject } from 'react-router';

// The audit feature's pages. Features never import each other; they link by URL. Each page
// is its own chunk, loaded when first visited: the first page ships only what it needs.
export const auditRoutes: RouteObject[] = [
  { path: '/audit', lazy: async () => ({ Component: (await import('./AuditPage')).AuditPage }) },
  { path: '/reviews/:reviewId/history', lazy: async () => ({ Component: (await import('./ReviewHistoryPage')).ReviewHistoryPage }) },
];
