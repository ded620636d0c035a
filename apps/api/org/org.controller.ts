import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { cursorField, cursorParts, limitField } from '../http/pagination.js';
import { operationIdFor } from '../http/idempotency.interceptor.js';
import { Caller } from '../http/principal.decorator.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { ApiQueryOf } from '../openapi/api-query.js';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { OrgListingService } from './org-listing.service.js';
import { PeopleListQuery, UnitListQuery, type PeopleListQueryType, type UnitListQueryType } from './org-list.schemas.js';
import { OrgImportSchema, type OrgImportBody } from './org-import.schema.js';
import { OrgImportService } from './org-import.service.js';
import { OrgQueriesService } from './org-queries.service.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { ImportResultSchema, PersonListPageSchema, UnitListPageSchema, UnitPersonPageSchema, UnitSchema } from './org.responses.js';

const ListQuery = z.object({ limit: limitField, cursor: cursorField(z.tuple([cursorParts.id])) });

@ApiTags('organisation registry')
@ApiBearerAuth()
@Controller('org')
export class OrgController {
  constructor(
    private readonly importer: OrgImportService,
    private readonly queries: OrgQueriesService,
    private readonly listing: OrgListingService,
  ) {}

  @Post('import')
  @ApiProblems()
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
  @ApiAnswer('ImportResult', ImportResultSchema)
  import(@Caller() caller: Principal, @Body(new ZodPipe(OrgImportSchema)) body: OrgImportBody, @Req() req: Request): Promise<z.infer<typeof ImportResultSchema>> {
    return this.importer.import(caller, body, operationIdFor(req));
  }

  @Get('units')
  @ApiProblems(403, 404)
  @ApiOperation({
    summary: 'Browse or search units (admins and auditors, within their scope), by name then id',
    description:
      "With `parentId`: that unit's children. With `q`: units in scope whose name or id contains it (case- and accent-insensitive). " +
      'Both: the children matching `q`. Neither: the top units of the caller\'s scope. 403 for a caller who is neither admin nor auditor.',
  })
  @ApiQueryOf(UnitListQuery)
  @ApiAnswer('UnitListPage', UnitListPageSchema)
  units(@Caller() caller: Principal, @Query(new ZodPipe(UnitListQuery)) query: UnitListQueryType): Promise<z.infer<typeof UnitListPageSchema>> {
    return this.listing.units(caller, query);
  }

  @Get('people')
  @ApiProblems(403, 404)
  @ApiOperation({
    summary: 'Search people (admins and auditors, within their scope), by name then id; never credentials',
    description: '`q` matches name, id or username (case- and accent-insensitive); `unitId` keeps one unit. Struck-off people are listed with their `status`.',
  })
  @ApiQueryOf(PeopleListQuery)
  @ApiAnswer('PersonListPage', PersonListPageSchema)
  peopleSearch(@Caller() caller: Principal, @Query(new ZodPipe(PeopleListQuery)) query: PeopleListQueryType): Promise<z.infer<typeof PersonListPageSchema>> {
    return this.listing.people(caller, query);
  }

  @Get('units/:id')
  @ApiProblems()
  @ApiOperation({ summary: 'A unit: parent, head, children, member count' })
  @ApiAnswer('Unit', UnitSchema)
  unit(@Caller() caller: Principal, @Param('id') id: string): Promise<z.infer<typeof UnitSchema>> {
    return this.queries.unit(caller, id);
  }

  @Get('units/:id/people')
  @ApiProblems()
  @ApiOperation({ summary: "The unit's people (never their credentials)" })
  @ApiAnswer('UnitPersonPage', UnitPersonPageSchema)
  people(@Caller() caller: Principal, @Param('id') id: string, @Query(new ZodPipe(ListQuery)) query: z.infer<typeof ListQuery>): Promise<z.infer<typeof UnitPersonPageSchema>> {
    return this.queries.people(caller, id, query.limit, query.cursor);
  }
}
