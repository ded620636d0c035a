import type { RouteObject } from 'react-router';
import { Placeholder } from '../../app/Placeholder';

// The audit feature's pages. Features never import each other; they link by URL.
export const auditRoutes: RouteObject[] = ['/audit', '/reviews/:reviewId/history'].map((path) => ({ path, element: <Placeholder title={path} /> }));
