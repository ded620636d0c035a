import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { cursorField, cursorParts, limitField } from '../http/pagination.js';
import { updateIdFor } from '../http/idempotency.interceptor.js';
import { Caller } from '../http/principal.decorator.js';
import { contextOf } from '../http/request-context.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { OrgImportSchema, type OrgImportBody } from './org-import.schema.js';
import { OrgImportService } from './org-import.service.js';
import { OrgQueriesService } from './org-queries.service.js';

const ListQuery = z.object({ limit: limitField, cursor: cursorField(z.tuple([cursorParts.id])) });

@ApiTags('organisation registry')
@ApiBearerAuth()
@Controller('org')
export class OrgController {
  constructor(
    private readonly importer: OrgImportService,
    private readonly queries: OrgQueriesService,
  ) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upsert units and people by id, all or nothing (admin)',
    description:
      'Every rejected field is listed with its path. While a cycle runs, the changes reach its open reviews moments after the ' +
      "response: a transferred person's review moves to the new unit's head for the steps not done yet, a struck-off person's " +
      "review ends as `withdrawn`, a new member's review starts at `target_assignment`, and a unit's new head inherits its open " +
      "tasks and report. Each change is a `review.reassigned` / `review.withdrawn` / `review.launched` event in the review's history, " +
      'with the importing administrator as actor.',
  })
  @ApiBody({ schema: jsonSchemaOf(OrgImportSchema) })
  import(@Caller() caller: Principal, @Body(new ZodPipe(OrgImportSchema)) body: OrgImportBody, @Req() req: Request) {
    return this.importer.import(caller, body, updateIdFor(req) ?? contextOf(req).requestId);
  }

  @Get('units/:id')
  @ApiOperation({ summary: 'A unit: parent, head, children, member count' })
  unit(@Caller() caller: Principal, @Param('id') id: string) {
    return this.queries.unit(caller, id);
  }

  @Get('units/:id/people')
  @ApiOperation({ summary: "The unit's people (never their credentials)" })
  people(@Caller() caller: Principal, @Param('id') id: string, @Query(new ZodPipe(ListQuery)) query: z.infer<typeof ListQuery>) {
    return this.queries.people(caller, id, query.limit, query.cursor);
  }
}
