import type { RouteObject } from 'react-router';
import { Placeholder } from '../../app/Placeholder';

// The registry feature's pages. Features never import each other; they link by URL.
export const registryRoutes: RouteObject[] = ['/registry'].map((path) => ({ path, element: <Placeholder title={path} /> }));
