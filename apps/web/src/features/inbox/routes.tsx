import type { RouteObject } from 'react-router';
import { Placeholder } from '../../app/Placeholder';

// The inbox feature's pages. Features never import each other; they link by URL.
export const inboxRoutes: RouteObject[] = ['/inbox'].map((path) => ({ path, element: <Placeholder title={path} /> }));
