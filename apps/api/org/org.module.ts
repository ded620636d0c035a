import { Module } from '@nestjs/common';
import { OrgController } from './org.controller.js';
import { OrgImportService } from './org-import.service.js';
import { OrgListingService } from './org-listing.service.js';
import { OrgQueriesService } from './org-queries.service.js';

@Module({ controllers: [OrgController], providers: [OrgImportService, OrgQueriesService, OrgListingService] })
export class OrgModule {}
