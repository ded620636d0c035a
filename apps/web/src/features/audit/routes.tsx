import type { RouteObject } from 'react-router';
import { AuditPage } from './AuditPage';
import { ReviewHistoryPage } from './ReviewHistoryPage';

// The audit feature's pages. Features never import each other; they link by URL.
export const auditRoutes: RouteObject[] = [
  { path: '/audit', element: <AuditPage /> },
  { path: '/reviews/:reviewId/history', element: <ReviewHistoryPage /> },
];
