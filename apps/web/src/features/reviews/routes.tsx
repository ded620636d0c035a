import type { RouteObject } from 'react-router';

// The reviews feature's pages. Features never import each other; they link by URL. Each page
// is its own chunk, loaded when first visited: the first page ships only what it needs.
export const reviewsRoutes: RouteObject[] = [
  { path: '/my-reviews', lazy: async () => ({ Component: (await import('./MyReviewsPage')).MyReviewsPage }) },
  { path: '/reviews/:reviewId', lazy: async () => ({ Component: (await import('./ReviewPage')).ReviewPage }) },
];
