import { Navigate, type RouteObject } from 'react-router';
import { auditRoutes } from '../features/audit/routes';
import { cyclesRoutes } from '../features/cycles/routes';
import { inboxRoutes } from '../features/inbox/routes';
import { registryRoutes } from '../features/registry/routes';
import { reviewsRoutes } from '../features/reviews/routes';
import { unitsRoutes } from '../features/units/routes';
import { AppShell } from './AppShell';
import { NotFound } from './NotFound';

export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="/inbox" replace /> },
      ...inboxRoutes,
      ...reviewsRoutes,
      ...unitsRoutes,
      ...registryRoutes,
      ...cyclesRoutes,
      ...auditRoutes,
      { path: '*', element: <NotFound /> },
    ],
  },
];
