import type { RouteObject } from 'react-router';
import { RegistryPage } from './RegistryPage';

// The registry feature's pages. Features never import each other; they link by URL.
export const registryRoutes: RouteObject[] = [{ path: '/registry', element: <RegistryPage /> }];
