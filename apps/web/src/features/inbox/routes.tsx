import type { RouteObject } from 'react-router';
import { InboxPage } from './InboxPage';

// The inbox feature's pages. Features never import each other; they link by URL.
export const inboxRoutes: RouteObject[] = [{ path: '/inbox', element: <InboxPage /> }];
