import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../http/public.decorator.js';
import { ApiProblems } from '../openapi/api-problems.js';

const PROBE_TIMEOUT_MS = 2000;
const UP_DOWN = { type: 'string', enum: ['up', 'down'] };
const READINESS_SCHEMA = {
  type: 'object',
  required: ['status', 'postgresql', 'temporal', 'down'],
  properties: {
    status: { type: 'string', enum: ['ready', 'unavailable'] },
    postgresql: UP_DOWN,
    temporal: UP_DOWN,
    down: { type: 'array', items: { type: 'string', enum: ['postgresql', 'temporal'] } },
  },
};

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
  health() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiProblems()
  @ApiOperation({ summary: 'Readiness: 200 when PostgreSQL and Temporal answer, else 503 naming what is down' })
  @ApiOkResponse({ schema: READINESS_SCHEMA })
  // Not a problem document: a load balancer reads the same body in both cases.
  @ApiResponse({ status: 503, description: 'PostgreSQL or Temporal does not answer', schema: READINESS_SCHEMA })
  async ready(@Res({ passthrough: true }) res: Response) {
    const [postgres, temporal] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => this.temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const down = [!postgres && 'postgresql', !temporal && 'temporal'].filter(Boolean);
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
