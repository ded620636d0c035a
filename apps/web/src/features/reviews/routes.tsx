import type { RouteObject } from 'react-router';
import { Placeholder } from '../../app/Placeholder';

// The reviews feature's pages. Features never import each other; they link by URL.
export const reviewsRoutes: RouteObject[] = ['/my-reviews', '/reviews/:reviewId'].map((path) => ({ path, element: <Placeholder title={path} /> }));
