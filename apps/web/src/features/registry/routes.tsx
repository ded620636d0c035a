import type { RouteObject } from 'react-router';

// The registry feature's pages. Features never import each other; they link by URL. Each page
// is its own chunk, loaded when first visited: the first page ships only what it needs.
export const registryRoutes: RouteObject[] = [{ path: '/registry', lazy: async () => ({ Component: (await import('./RegistryPage')).RegistryPage }) }];
