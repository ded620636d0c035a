import type { RouteObject } from 'react-router';
import { Placeholder } from '../../app/Placeholder';

// The units feature's pages. Features never import each other; they link by URL.
export const unitsRoutes: RouteObject[] = ['/units/:unitId/cycles/:cycleId/report'].map((path) => ({ path, element: <Placeholder title={path} /> }));
