import { z } from 'zod';

export const LivenessSchema = z.object({ status: z.literal('ok') });

const upDown = z.enum(['up', 'down']);

/** GET /ready, 200 and 503 alike: a load balancer reads the same body in both cases. */
export const ReadinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  postgresql: upDown,
  temporal: upDown,
  down: z.array(z.enum(['postgresql', 'temporal'])),
});
