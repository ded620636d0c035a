import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { Public } from '../http/public.decorator.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { LivenessSchema, ReadinessSchema } from './health.responses.js';

const PROBE_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: Client,
  ) {}

  @Public()
  @Get('health')
  @ApiProblems()
  @ApiOperation({ summary: 'Liveness: 200 while the process runs' })
  @ApiAnswer('Liveness', LivenessSchema)
  health(): z.infer<typeof LivenessSchema> {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiProblems()
  @ApiOperation({ summary: 'Readiness: 200 when PostgreSQL and Temporal answer, else 503 naming what is down' })
  @ApiAnswer('Readiness', ReadinessSchema)
  // Not a problem document: a load balancer reads the same body in both cases.
  @ApiAnswer('Readiness', ReadinessSchema, { status: 503, description: 'PostgreSQL or Temporal does not answer' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<z.infer<typeof ReadinessSchema>> {
    const [postgres, temporal] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => this.temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const down = [!postgres && ('postgresql' as const), !temporal && ('temporal' as const)].filter((name) => name !== false);
    if (down.length > 0) res.status(503);
    return { status: down.length ? 'unavailable' : 'ready', postgresql: postgres ? 'up' : 'down', temporal: temporal ? 'up' : 'down', down };
  }
}

async function probe(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)));
  try {
    return await Promise.race([check().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
