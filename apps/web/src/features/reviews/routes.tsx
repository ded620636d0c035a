import type { RouteObject } from 'react-router';
import { MyReviewsPage } from './MyReviewsPage';
import { ReviewPage } from './ReviewPage';

// The reviews feature's pages. Features never import each other; they link by URL.
export const reviewsRoutes: RouteObject[] = [
  { path: '/my-reviews', element: <MyReviewsPage /> },
  { path: '/reviews/:reviewId', element: <ReviewPage /> },
];
