import { Module } from '@nestjs/common';
import { OrgController } from './org.controller.js';
import { OrgImportService } from './org-import.service.js';
import { OrgListingService } from './org-listing.service.js';
import { OrgQueriesService } from './org-queries.service.js';
import { OrgSpreadsheetController } from './spreadsheet/org-spreadsheet.controller.js';
import { RegistryExportService } from './spreadsheet/registry-export.service.js';
import { SpreadsheetImportService } from './spreadsheet/spreadsheet-import.service.js';

@Module({
  controllers: [OrgController, OrgSpreadsheetController],
  providers: [OrgImportService, OrgQueriesService, OrgListingService, SpreadsheetImportService, RegistryExportService],
})
export class OrgModule {}
