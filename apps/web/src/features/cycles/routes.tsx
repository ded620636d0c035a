import type { RouteObject } from 'react-router';
import { Placeholder } from '../../app/Placeholder';

// The cycles feature's pages. Features never import each other; they link by URL.
export const cyclesRoutes: RouteObject[] = ['/cycles', '/cycles/new', '/cycles/:cycleId'].map((path) => ({ path, element: <Placeholder title={path} /> }));
